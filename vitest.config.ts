import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // OCR tests start tesseract workers; two files at a time keeps a 2-core machine responsive.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
