import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { can } from '$lib/server/auth/policy';
import { listConsultations } from '$lib/server/cases/consultations';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  return guardPage(async () => ({
    ...(await listConsultations(app().db, actor)),
    organisation: actor.organisation.name,
    canSend: can(actor, 'county.edit', { type: 'county', countyCode: actor.organisation.countyCode ?? '' })
  }), () => requireSignedIn(event.locals, event.url));
};
