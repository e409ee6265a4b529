/**
 * Domain errors: the only errors a service throws on purpose. Each maps to one HTTP status in one place
 * (api/respond.ts for JSON, form actions for pages), so bad input never becomes a 500.
 * Messages are message-catalog keys rendered in the request's language.
 */
import type { MessageKey } from '$lib/i18n';

export type ErrorCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'throttled'
  | 'payload_too_large'
  | 'unsupported_media_type';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  payload_too_large: 413,
  unsupported_media_type: 415
};

/** A field error: the field's path (dotted) and a message already rendered in the request's language. */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldErrors,
    /** Extra machine-readable facts for API clients (e.g. both versions on a conflict). */
    readonly details?: Record<string, unknown>
  ) {
    super(messageKey);
    this.status = STATUS[code];
  }
}

export const notFound = (params: Record<string, string | number> = {}) =>
  new DomainError('not_found', 'error.notFound', params);
export const forbidden = () => new DomainError('forbidden', 'error.forbidden');
export const unauthenticated = () => new DomainError('unauthenticated', 'error.unauthenticated');
export const conflict = (details?: Record<string, unknown>) =>
  new DomainError('conflict', 'error.conflict', {}, undefined, details);
export const invalid = (fields: FieldErrors, messageKey: MessageKey = 'error.validation') =>
  new DomainError('validation', messageKey, {}, fields);
