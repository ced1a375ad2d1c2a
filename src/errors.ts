/** Stable error codes; `retryable` says whether the same input may succeed later. */
export const ERROR_CODES = {
  'empty-file': { retryable: false, hint: 'The file has no bytes; scan it again.' },
  'unsupported-format': { retryable: false, hint: 'Only PDF, TIFF, JPEG and PNG files are accepted.' },
  'unreadable-file': { retryable: false, hint: 'The file is damaged or not what its name says; scan it again.' },
  'encrypted-pdf': { retryable: false, hint: 'Remove the PDF password and drop the file again.' },
  'too-large': { retryable: false, hint: 'Split the file or raise the limit in the configuration.' },
  'no-text-found': { retryable: false, hint: 'No text was found on any page; check the scan.' },
  'ocr-timeout': { retryable: true, hint: 'OCR took too long; it will be retried.' },
  'ocr-failed': { retryable: true, hint: 'The OCR engine failed; it will be retried.' },
  'store-unavailable': { retryable: true, hint: 'The database could not be reached; it will be retried.' },
  'queue-unavailable': { retryable: true, hint: 'Redis could not be reached.' },
  'invalid-input': { retryable: false, hint: 'Check the command line or the request.' },
  'not-found': { retryable: false, hint: 'Nothing matches.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class VanthuError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  stage: string | null;

  constructor(code: ErrorCode, message: string, options: { stage?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'VanthuError';
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
    this.stage = options.stage ?? null;
  }

  get hint(): string {
    return ERROR_CODES[this.code].hint;
  }

  toJSON(): { code: ErrorCode; message: string; retryable: boolean; stage: string | null } {
    return { code: this.code, message: this.message, retryable: this.retryable, stage: this.stage };
  }
}

export function isVanthuError(error: unknown): error is VanthuError {
  return error instanceof VanthuError;
}

/** Any thrown value as a VanthuError; unknown failures are retryable once they reach a queue. */
export function asVanthuError(error: unknown, fallback: ErrorCode = 'ocr-failed', stage?: string): VanthuError {
  if (error instanceof VanthuError) {
    if (stage && !error.stage) error.stage = stage;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VanthuError(fallback, message, { stage, cause: error });
}
