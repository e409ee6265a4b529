import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn, requireSignedIn } from '$lib/server/pages';
import { can } from '$lib/server/auth/policy';
import { runForm } from '$lib/server/forms';
import { createProgramme, listProgrammes } from '$lib/server/programmes/programmes';
import { createProgrammeSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url }) => {
  // Comes back without the query, as this page always has.
  const actor = requireSignedIn(locals, url, { keepSearch: false });
  const countyCode = actor.organisation.countyCode;
  // Tillväxtverket has no county of its own: its way into the programmes is the national overview.
  if (!countyCode && can(actor, 'national.overview', { type: 'public' })) redirect(303, '/oversikt');
  return {
    programmes: countyCode ? await guardPage(() => listProgrammes(app().db, actor, countyCode), () => redirectToSignIn(url)) : [],
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
