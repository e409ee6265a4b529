import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, requireSignedIn } from '$lib/server/pages';
import { canEdit } from '$lib/server/grants/access';
import { startImport } from '$lib/server/grants/import';
import { DomainError } from '$lib/server/errors';
import { translate, type MessageKey } from '$lib/i18n';
import { sv } from '$lib/i18n/sv';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  if (!canEdit(actor, countyOf(actor, url))) error(403, 'error.forbidden');
  return {};
};

export const actions: Actions = {
  default: async (event) => {
    const actor = event.locals.actor;
    const locale = event.locals.locale;
    const msg = (k: string) => (Object.prototype.hasOwnProperty.call(sv, k) ? translate(locale, k as MessageKey) : k);
    const data = await event.request.formData();
    const file = data.get('file');
    if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { file: msg('grants.import.fileRequired') }, values: {} });
    let id: string;
    try {
      id = await startImport(app().db, actor, actor ? countyOf(actor, event.url) : '', { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    } catch (e) {
      if (e instanceof DomainError) return fail(e.status, { errors: { file: translate(locale, e.messageKey, e.params) }, values: {} });
      throw e;
    }
    redirect(303, `/stod/import/${id}`);
  }
};
