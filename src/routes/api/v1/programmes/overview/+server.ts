import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { nationalOverview } from '$lib/server/programmes/overview';
import { overviewQuery } from '$lib/server/programmes/schemas';
import { todayInSweden } from '$lib/server/programmes/deadline';

export const GET: RequestHandler = api(async (event) => {
  const query = readQuery(event, overviewQuery);
  return json(await nationalOverview(app().db, event.locals.actor, query.year ?? Number(todayInSweden().slice(0, 4)) - 1));
});
