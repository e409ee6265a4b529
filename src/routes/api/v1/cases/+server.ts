import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listCases } from '$lib/server/cases/cases';
import { caseQuerySchema } from '$lib/server/cases/api-spec';

export const GET: RequestHandler = api(async (event) => {
  const query = readQuery(event, caseQuerySchema);
  return json(await listCases(app().db, event.locals.actor, { diaryNumber: query.diaryNumber }));
});
