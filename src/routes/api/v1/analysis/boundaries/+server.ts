import type { RequestHandler } from './$types';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { boundariesGeoJson, boundariesQuery } from '$lib/server/analysis/register';

export const GET: RequestHandler = api(async (event) => {
  const fc = await boundariesGeoJson(app().db, event.locals.actor, readQuery(event, boundariesQuery));
  return new Response(JSON.stringify(fc), { headers: { 'content-type': 'application/geo+json' } });
});
