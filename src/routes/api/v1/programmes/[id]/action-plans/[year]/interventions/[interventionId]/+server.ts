import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { assertCan } from '$lib/server/auth/policy';
import { findPlanId, getActionPlan, updateIntervention } from '$lib/server/programmes/plans';
import { yearParam } from '$lib/server/programmes/core';
import { updateInterventionSchema } from '$lib/server/programmes/schemas';

export const PUT: RequestHandler = api(async (event) => {
  const { db } = app();
  // Access before input: a user of another county or a municipality gets 403 whatever the body says.
  const plan = await getActionPlan(db, event.locals.actor, event.params.id, yearParam(event.params.year));
  assertCan(event.locals.actor, 'county.edit', { type: 'county', countyCode: plan.countyCode });
  const input = await readJson(event, updateInterventionSchema);
  const planId = await findPlanId(db, event.params.id, yearParam(event.params.year));
  return json(await updateIntervention(db, event.locals.actor, planId, event.params.interventionId, input));
});
