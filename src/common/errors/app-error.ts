import type { ErrorCode } from './error-catalog.js';

/** A message for people: Italian first, English alongside (applicants and officers read Italian). */
export interface Localized {
  it: string;
  en: string;
}

export interface FieldError {
  field: string;
  messages: string[];
}

/** A failure the caller can act on. Services throw it; the problem-details filter maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: Localized,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } & Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail.en}`);
  }
}

export const notFound = (what: Localized = { it: 'Risorsa non trovata', en: 'Resource not found' }) =>
  new AppError('NOT_FOUND', what);

export const fieldError = (code: ErrorCode, field: string, message: Localized) =>
  new AppError(code, message, { errors: [{ field, messages: [message.en] }] });
