import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { reportFacts } from '$lib/server/reporting/service';
import { plainYear } from '$lib/server/reporting/api';

export const GET: RequestHandler = api(async ({ params, locals }) => {
  const year = plainYear(params.year);
  return json(await reportFacts(app().db, locals.actor, params.county, year));
});
