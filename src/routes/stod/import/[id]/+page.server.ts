import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getImport, IMPORT_FIELDS, runImport } from '$lib/server/grants/import';
import { formObject } from '$lib/server/forms';
import { DomainError } from '$lib/server/errors';
import { fail } from '@sveltejs/kit';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => ({ preview: await getImport(app().db, actor, params.id), fields: [...IMPORT_FIELDS] }));
};

export const actions: Actions = {
  default: async (event) => {
    const raw = formObject(await event.request.formData());
    const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string) : '']));
    try {
      const result = await runImport(app().db, event.locals.actor, event.params.id, mapping, event.locals.locale);
      if (result.errors.length) return fail(400, { rowErrors: result.errors, mapping });
      return { imported: result.imported };
    } catch (e) {
      if (e instanceof DomainError) return fail(e.status, { message: translate(event.locals.locale, e.messageKey, e.params), mapping });
      throw e;
    }
  }
};
