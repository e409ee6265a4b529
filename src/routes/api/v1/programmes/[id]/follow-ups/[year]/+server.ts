import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getFollowUp } from '$lib/server/programmes/followups';
import { yearParam } from '$lib/server/programmes/core';

export const GET: RequestHandler = api(async (event) => {
  const { canEdit: _c, next: _n, ...view } = await getFollowUp(app().db, event.locals.actor, event.params.id, yearParam(event.params.year));
  return json(view);
});
