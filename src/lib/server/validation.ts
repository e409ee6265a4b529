import * as z from 'zod';
import { translate, type Locale, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';
import { invalid, type FieldErrors } from './errors';

const zodLocales = { sv: z.locales.sv(), en: z.locales.en() };

function isMessageKey(message: string): message is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, message);
}

/** Turns zod issues into one message per field, in the request's language. */
export function fieldErrors(error: z.ZodError, locale: Locale): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.length ? issue.path.join('.') : '_';
    if (fields[path]) continue;
    const params: Record<string, number> = {};
    if ('maximum' in issue && typeof issue.maximum === 'number') params.max = issue.maximum;
    if ('minimum' in issue && typeof issue.minimum === 'number') params.min = issue.minimum;
    fields[path] = isMessageKey(issue.message) ? translate(locale, issue.message, params) : issue.message;
  }
  return fields;
}

/** Parses input at a boundary; a failure is a 400 with field errors and nothing changes. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(data, { error: zodLocales[locale].localeError });
  if (!result.success) throw invalid(fieldErrors(result.error, locale));
  return result.data;
}

/** Common field schemas with Swedish-first messages. */
export const fields = {
  email: () =>
    z
      .string({ error: 'error.emailRequired' })
      .trim()
      .toLowerCase()
      .min(1, { error: 'error.emailRequired' })
      .max(254, { error: 'error.tooLong' })
      .pipe(z.email({ error: 'error.emailInvalid' })),
  name: (max = 200) =>
    z.string({ error: 'error.nameRequired' }).trim().min(1, { error: 'error.nameRequired' }).max(max, { error: 'error.tooLong' }),
  text: (max: number) => z.string().max(max, { error: 'error.tooLong' }),
  role: () => z.enum(['admin', 'editor', 'reader'], { error: 'error.roleInvalid' }),
  newPassword: () =>
    z.string({ error: 'error.passwordRequired' }).min(10, { error: 'error.passwordTooShort' }).max(200, { error: 'error.tooLong' })
};
