import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { formObject } from '../forms';
import { parseInput } from '../validation';
import type * as z from 'zod';

/** Helpers the domain's pages share: the routes stay thin, and errors look the same everywhere. */
export function signedIn(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
  const actor = event.locals.actor;
  if (!actor) redirect(303, `/logga-in?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return actor;
}

/** A domain error during a page load becomes the error page with its status (401 asks to sign in). */
export async function orErrorPage<T>(event: Pick<RequestEvent, 'locals' | 'url'>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError) {
      if (e.code === 'unauthenticated') signedIn(event);
      error(e.status, e.messageKey);
    }
    throw e;
  }
}

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

/** A stored file as a download, with the media type decided by its content when it was stored. */
export function fileResponse(file: { name: string; mediaType: string; data: Buffer }): Response {
  const ascii = file.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.\- ]/g, '_');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store'
    }
  });
}
