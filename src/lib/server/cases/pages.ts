import { fail, type RequestEvent } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';
import { DomainError } from '../errors';
import { formObject } from '../forms';
import { parseInput } from '../validation';
import type * as z from 'zod';

/** Helpers the domain's forms share (sign-in and error pages are in ../pages, file downloads in ../documents/response). */
const render = (locale: Locale, message: string, params: Record<string, string | number>) =>
  Object.prototype.hasOwnProperty.call(sv, message) ? translate(locale, message as MessageKey, params) : message;

/**
 * Like `runForm`, for forms that carry files or rows: the caller turns the raw form into the schema's
 * shape. Field errors keep the error's parameters (an upload error names the allowed types and the limit).
 */
export async function runMultipartForm<S extends z.ZodType, T>(
  event: RequestEvent,
  shape: (raw: Record<string, string | string[]>, form: FormData) => unknown,
  schema: S,
  service: (input: z.output<S>, form: FormData) => Promise<T>
) {
  const form = await event.request.formData();
  const raw = formObject(form);
  const locale = event.locals.locale;
  try {
    const input = parseInput(schema, shape(raw, form), locale);
    return await service(input, form);
  } catch (e) {
    if (e instanceof DomainError) {
      const errors = Object.fromEntries(Object.entries(e.fields ?? {}).map(([k, v]) => [k, render(locale, v, e.params)]));
      return fail(e.status, {
        errors,
        message: Object.keys(errors).length ? undefined : translate(locale, e.messageKey, e.params),
        values: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v])),
        current: (e.details?.current as unknown) ?? undefined
      });
    }
    throw e;
  }
}

/** The uploaded file of a form field, or undefined when none was chosen (browsers send an empty part). */
export async function uploadedFile(form: FormData, field: string): Promise<{ name: string; bytes: Uint8Array } | undefined> {
  const value = form.get(field);
  if (!value || typeof value === 'string' || value.size === 0) return undefined;
  return { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
}
