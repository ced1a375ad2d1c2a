export * from './places.js';
export * from './doc-types.js';
export * from './issuers.js';
export * from './ref.js';
