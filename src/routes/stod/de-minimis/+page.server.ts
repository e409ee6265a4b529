import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { normaliseOrgNumber } from '$lib/server/grants/orgnr';
import { isIsoDate } from '$lib/server/grants/schemas';
import { recentAid, registerDeclaredAid, registerStatus } from '$lib/server/grants/deminimis';
import { declaredAidSchema } from '$lib/server/grants/schemas';
import { canEdit } from '$lib/server/grants/access';
import { runForm } from '$lib/server/forms';
import { todayIso } from '$lib/server/grants/service';
import { translate } from '$lib/i18n';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const raw = url.searchParams.get('orgnr')?.slice(0, 20) ?? '';
  const asOfRaw = url.searchParams.get('datum')?.slice(0, 10) ?? '';
  const regime = url.searchParams.get('regel');
  const errors: Record<string, string> = {};
  const orgNumber = raw ? normaliseOrgNumber(raw) : null;
  if (raw && !orgNumber) errors.orgnr = translate(locals.locale, 'grants.error.orgNumber');
  if (asOfRaw && !isIsoDate(asOfRaw)) errors.datum = translate(locals.locale, 'grants.error.date');
  return guardPage(async () => {
    const { db } = app();
    const recent = await recentAid(db, actor);
    const status = orgNumber && !Object.keys(errors).length
      ? await registerStatus(db, actor, orgNumber, { asOf: asOfRaw || undefined, regime: regime === 'sgei' || regime === 'general' ? regime : undefined })
      : null;
    return { query: { orgnr: raw, datum: asOfRaw || todayIso(), regel: regime ?? '' }, errors, status, recent, canEdit: canEdit(actor, actor.organisation.countyCode ?? ''), today: todayIso(), declared: url.searchParams.has('registrerat') };
  });
};

export const actions: Actions = {
  default: async (event) => {
    let orgNumber = '';
    const r = await runForm(event, declaredAidSchema, (input) => {
      orgNumber = input.orgNumber;
      return registerDeclaredAid(app().db, event.locals.actor, input, event.locals.locale);
    });
    if (typeof r === 'string') redirect(303, `/stod/de-minimis?orgnr=${orgNumber}&registrerat=1`);
    return r;
  }
};
