import { error, redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { interventionFromForm } from '$lib/server/programmes/forms';
import { addIntervention, findPlanId, getActionPlan, removeIntervention, updateIntervention } from '$lib/server/programmes/plans';
import { interventionSchema, updateInterventionSchema, versionOnlySchema } from '$lib/server/programmes/schemas';
import { countyOrganisations, yearParam } from '$lib/server/programmes/core';

/** One form for a new intervention (`insats/ny`) and for editing one. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { db } = app();
  const plan = await guardPage(() => getActionPlan(db, locals.actor, params.id, yearParam(params.year)), () => redirectToSignIn(url));
  if (!plan.canEdit) error(plan.status === 'adopted' ? 409 : 403, plan.status === 'adopted' ? 'programmes.error.planAdopted' : 'error.forbidden');
  const intervention = params.interventionId === 'ny' ? null : plan.interventions.find((i) => i.id === params.interventionId);
  if (intervention === undefined) error(404, 'error.notFound');
  return { plan: { programmeId: plan.programmeId, year: plan.year, goals: plan.programmeGoals }, intervention, organisations: await countyOrganisations(db, plan.countyCode) };
};

const back = (params: { id: string; year: string }) => `/program/${params.id}/handlingsplan/${params.year}`;

export const actions: Actions = {
  remove: async (event) =>
    runForm(event, versionOnlySchema, async (input) => {
      const { db } = app();
      const planId = await findPlanId(db, event.params.id, yearParam(event.params.year));
      await removeIntervention(db, event.locals.actor, planId, event.params.interventionId, input.version);
      redirect(303, back(event.params));
    }),
  save: async (event) => {
    const { db } = app();
    const { params } = event;
    const isNew = params.interventionId === 'ny';
    const schema = z.preprocess((raw) => interventionFromForm(raw as Record<string, string>), isNew ? interventionSchema : updateInterventionSchema);
    return runForm(event, schema, async (input) => {
      const planId = await findPlanId(db, params.id, yearParam(params.year));
      if (isNew) await addIntervention(db, event.locals.actor, planId, input);
      else await updateIntervention(db, event.locals.actor, planId, params.interventionId, input as z.output<typeof updateInterventionSchema>);
      redirect(303, back(params));
    });
  }
};
