import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { reopenReport, reopenSchema } from '$lib/server/reporting/service';
import { plainYear } from '$lib/server/reporting/api';

export const POST: RequestHandler = api(async (event) => {
  const year = plainYear(event.params.year);
  const input = await readJson(event, reopenSchema);
  return json(await reopenReport(app().db, event.locals.actor, event.params.county, year, input));
});
