import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { proposalsQuery } from '$lib/server/analysis/api-spec';
import { listProposals, proposalSchema, proposeChange } from '$lib/server/analysis/register';


export const GET: RequestHandler = api(async (event) => {
  const q = readQuery(event, proposalsQuery);
  return json(await listProposals(app().db, event.locals.actor, q.county, q.status));
});
export const POST: RequestHandler = api(async (event) => json(await proposeChange(app().db, event.locals.actor, await readJson(event, proposalSchema)), { status: 201 }));
