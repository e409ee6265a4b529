import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { pointsQuery } from '$lib/server/analysis/api-spec';
import { createPoint, createPointSchema, listPoints, listPointsQuery, pointsGeoJson } from '$lib/server/analysis/register';


export const GET: RequestHandler = api(async (event) => {
  const { format, ...query } = readQuery(event, pointsQuery);
  if (format === 'geojson') return new Response(JSON.stringify(await pointsGeoJson(app().db, event.locals.actor, query)), { headers: { 'content-type': 'application/geo+json' } });
  return json(await listPoints(app().db, event.locals.actor, query));
});
export const POST: RequestHandler = api(async (event) => {
  const { county, ...input } = await readJson(event, createPointSchema);
  return json(await createPoint(app().db, event.locals.actor, county, input), { status: 201 });
});
