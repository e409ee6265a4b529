import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getPoint, updatePoint, updatePointSchema } from '$lib/server/analysis/register';
import { storeAccessFacts } from '$lib/server/analysis/facts';

export const GET: RequestHandler = api(async (event) => {
  const point = await getPoint(app().db, event.locals.actor, event.params.id);
  return json({ ...point, analysis: await storeAccessFacts(app().db, point.id) });
});
export const PATCH: RequestHandler = api(async (event) => json(await updatePoint(app().db, event.locals.actor, event.params.id, await readJson(event, updatePointSchema))));
