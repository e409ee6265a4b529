import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { addIntervention, findPlanId } from '$lib/server/programmes/plans';
import { yearParam } from '$lib/server/programmes/core';
import { interventionSchema } from '$lib/server/programmes/schemas';
import { getActionPlan } from '$lib/server/programmes/plans';

export const POST: RequestHandler = api(async (event) => {
  const { db } = app();
  // Reading the plan first gives 401/403 before 404 and before validating the body.
  await getActionPlan(db, event.locals.actor, event.params.id, yearParam(event.params.year));
  const input = await readJson(event, interventionSchema);
  const planId = await findPlanId(db, event.params.id, yearParam(event.params.year));
  return json(await addIntervention(db, event.locals.actor, planId, input), { status: 201 });
});
