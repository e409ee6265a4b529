import type { RequestHandler } from './$types';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { layerQuery, squaresGeoJson } from '$lib/server/analysis/service';

export const GET: RequestHandler = api(async (event) => {
  const fc = await squaresGeoJson(app().db, event.locals.actor, readQuery(event, layerQuery));
  return new Response(JSON.stringify(fc), { headers: { 'content-type': 'application/geo+json' } });
});
