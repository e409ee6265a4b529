import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { summaryQuery } from '$lib/server/grants/schemas';
import { grantSummary } from '$lib/server/grants/reports';

export const GET: RequestHandler = api(async (event) => {
  const q = readQuery(event, summaryQuery);
  return json(await grantSummary(app().db, event.locals.actor, q.county, { year: q.year, quarter: q.quarter }));
});
