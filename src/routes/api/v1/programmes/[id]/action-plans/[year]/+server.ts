import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getActionPlan } from '$lib/server/programmes/plans';
import { yearParam } from '$lib/server/programmes/core';

export const GET: RequestHandler = api(async (event) => {
  const { canEdit: _c, ...plan } = await getActionPlan(app().db, event.locals.actor, event.params.id, yearParam(event.params.year));
  return json(plan);
});
