import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { can } from '$lib/server/auth/policy';
import { listConsultations } from '$lib/server/cases/consultations';
import { orErrorPage, signedIn } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = signedIn(event);
  return orErrorPage(event, async () => ({
    ...(await listConsultations(app().db, actor)),
    organisation: actor.organisation.name,
    canSend: can(actor, 'county.edit', { type: 'county', countyCode: actor.organisation.countyCode ?? '' })
  }));
};
