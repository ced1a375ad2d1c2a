import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

describe('loadConfig', () => {
  it('scales the RSS that triggers a worker replacement with the number of OCR workers', () => {
    expect(loadConfig({}, { VANTHU_OCR_WORKERS: '2' }).ocr.maxRssMb).toBe(450);
    expect(loadConfig({}, { VANTHU_OCR_WORKERS: '4' }).ocr.maxRssMb).toBe(750);
  });

  it('keeps a limit the environment sets', () => {
    expect(loadConfig({}, { VANTHU_OCR_WORKERS: '4', VANTHU_OCR_MAX_RSS_MB: '900' }).ocr.maxRssMb).toBe(900);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => loadConfig({}, { VANTHU_OCR_MAX_RSS_MB: 'lots' })).toThrow();
  });
});
