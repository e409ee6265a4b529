import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listProgrammes } from '$lib/server/programmes/programmes';
import { programmesQuery } from '$lib/server/programmes/schemas';

export const GET: RequestHandler = api(async (event) => {
  const query = readQuery(event, programmesQuery);
  return json(await listProgrammes(app().db, event.locals.actor, query.county));
});
