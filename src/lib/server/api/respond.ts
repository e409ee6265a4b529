import { json, type RequestEvent } from '@sveltejs/kit';
import type * as z from 'zod';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import { log } from '../log';

/** Largest JSON body the API accepts; files go through upload endpoints with their own limits. */
export const MAX_JSON_BYTES = 1_000_000;

export interface ApiErrorBody {
  error: { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

function render(locale: Locale, message: string): string {
  return Object.prototype.hasOwnProperty.call(sv, message) ? translate(locale, message as MessageKey) : message;
}

/** The one mapping from errors to HTTP: domain errors keep their status, anything else is logged as a 500. */
export function errorResponse(error: unknown, locale: Locale): Response {
  if (error instanceof DomainError) {
    const body: ApiErrorBody = {
      error: {
        code: error.code,
        message: translate(locale, error.messageKey, error.params),
        ...(error.fields ? { fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, render(locale, v)])) } : {}),
        ...(error.details ? { details: error.details } : {})
      }
    };
    const headers: Record<string, string> = {};
    if (error.code === 'throttled') headers['retry-after'] = '900';
    return json(body, { status: error.status, headers });
  }
  log.error({ err: error }, 'unhandled error in API');
  return json({ error: { code: 'internal', message: translate(locale, 'error.internal') } } satisfies ApiErrorBody, { status: 500 });
}

/** Wraps an API handler so that every thrown error becomes a JSON error with the right status. */
export function api<E extends RequestEvent>(handler: (event: E) => Promise<Response> | Response) {
  return async (event: E): Promise<Response> => {
    try {
      return await handler(event);
    } catch (error) {
      return errorResponse(error, event.locals.locale);
    }
  };
}

/** Reads and validates a JSON body: malformed JSON, wrong types and over-long bodies are 400/413. */
export async function readJson<S extends z.ZodType>(event: RequestEvent, schema: S): Promise<z.output<S>> {
  const length = Number(event.request.headers.get('content-length') ?? '0');
  if (length > MAX_JSON_BYTES) throw new DomainError('payload_too_large', 'error.payloadTooLarge');
  const text = await event.request.text();
  if (text.length > MAX_JSON_BYTES) throw new DomainError('payload_too_large', 'error.payloadTooLarge');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DomainError('bad_request', 'error.badJson');
  }
  return parseInput(schema, data, event.locals.locale);
}

/** Validates the query string against a schema (each key once; repeated keys take the first). */
export function readQuery<S extends z.ZodType>(event: RequestEvent, schema: S): z.output<S> {
  const entries = Object.fromEntries(event.url.searchParams.entries());
  return parseInput(schema, entries, event.locals.locale);
}
