import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { decisionApiView, listDecisions } from '$lib/server/cases/decisions';

export const GET: RequestHandler = api(async (event) => {
  const decisions = await listDecisions(app().db, event.locals.actor, event.params.id, event.locals.locale);
  return json(decisions.map(decisionApiView));
});
