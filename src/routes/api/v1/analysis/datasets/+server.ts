import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { datasetsQuery, importBody } from '$lib/server/analysis/api-spec';
import { listDatasets, startImport } from '$lib/server/analysis/datasets';
import { wakeJobs } from '$lib/server/jobs';


export const GET: RequestHandler = api(async (event) => json(await listDatasets(app().db, event.locals.actor, readQuery(event, datasetsQuery).county)));
export const POST: RequestHandler = api(async (event) => {
  const { county, ...input } = await readJson(event, importBody);
  const started = await startImport(app().db, event.locals.actor, county, input);
  wakeJobs();
  return json(started, { status: 202 });
});
