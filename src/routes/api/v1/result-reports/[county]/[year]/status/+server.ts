import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { setReady } from '$lib/server/reporting/service';
import { plainYear, statusBodySchema } from '$lib/server/reporting/api';

export const POST: RequestHandler = api(async (event) => {
  const year = plainYear(event.params.year);
  const { ready } = await readJson(event, statusBodySchema);
  return json({ status: await setReady(app().db, event.locals.actor, event.params.county, year, ready) });
});
