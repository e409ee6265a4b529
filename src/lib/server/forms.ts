import { fail, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type * as z from 'zod';
import { translate, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';
import { DomainError } from './errors';
import { parseInput } from './validation';

export interface FormFailure {
  /** Field path → message in the user's language. */
  errors: Record<string, string>;
  /** The summary message when the error is not about one field. */
  message?: string;
  /** What the user typed, so nothing is lost on an error (never passwords). */
  values: Record<string, string>;
}

const NEVER_ECHOED = /password|confirm|token/i;

/** Form data as a plain object; repeated keys become arrays. */
export function formObject(data: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value !== 'string') continue;
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

function echo(raw: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !NEVER_ECHOED.test(key))
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : value])
  );
}

/**
 * Runs a form action: parse with the domain's schema, call the service, and turn any domain error into a
 * failure the page shows in its error summary, with the user's input kept.
 */
export async function runForm<S extends z.ZodType, T>(
  event: RequestEvent,
  schema: S,
  service: (input: z.output<S>, raw: Record<string, string | string[]>) => Promise<T>
): Promise<T | ActionFailure<FormFailure>> {
  const raw = formObject(await event.request.formData());
  try {
    const input = parseInput(schema, raw, event.locals.locale);
    return await service(input, raw);
  } catch (error) {
    if (error instanceof DomainError) {
      const locale = event.locals.locale;
      const errors = Object.fromEntries(
        Object.entries(error.fields ?? {}).map(([k, v]) => [k, Object.prototype.hasOwnProperty.call(sv, v) ? translate(locale, v as MessageKey) : v])
      );
      return fail(error.status, {
        errors,
        message: error.fields && Object.keys(error.fields).length ? undefined : translate(locale, error.messageKey, error.params),
        values: echo(raw)
      });
    }
    throw error;
  }
}
