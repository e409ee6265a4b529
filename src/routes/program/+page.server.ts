import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { can } from '$lib/server/auth/policy';
import { runForm } from '$lib/server/forms';
import { loadOrFail } from '$lib/server/programmes/forms';
import { createProgramme, listProgrammes } from '$lib/server/programmes/programmes';
import { createProgrammeSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = locals.actor;
  if (!actor) redirect(303, `/logga-in?redirectTo=${encodeURIComponent(url.pathname)}`);
  const countyCode = actor.organisation.countyCode;
  // Tillväxtverket has no county of its own: its way into the programmes is the national overview.
  if (!countyCode && can(actor, 'national.overview', { type: 'public' })) redirect(303, '/oversikt');
  return {
    programmes: countyCode ? await loadOrFail(url, () => listProgrammes(app().db, actor, countyCode)) : [],
    canCreate: countyCode ? can(actor, 'county.edit', { type: 'county', countyCode }) : false,
    hasCounty: !!countyCode,
    isNational: can(actor, 'national.overview', { type: 'public' })
  };
};

export const actions: Actions = {
  create: async (event) =>
    runForm(event, createProgrammeSchema, async (input) => {
      const { id } = await createProgramme(app().db, event.locals.actor, input);
      redirect(303, `/program/${id}`);
    })
};
