import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { createActionPlan, getActionPlanById } from '$lib/server/programmes/plans';
import { planCreateSchema } from '$lib/server/programmes/schemas';

export const POST: RequestHandler = api(async (event) => {
  const input = await readJson(event, planCreateSchema);
  const { db } = app();
  const { id } = await createActionPlan(db, event.locals.actor, event.params.id, input);
  const { canEdit: _c, ...plan } = await getActionPlanById(db, event.locals.actor, id);
  return json(plan, { status: 201 });
});
