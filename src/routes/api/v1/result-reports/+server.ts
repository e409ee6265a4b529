import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import * as z from 'zod';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { listSubmitted, yearSchema } from '$lib/server/reporting/service';

const query = z.object({ year: yearSchema });

export const GET: RequestHandler = api(async (event) => {
  const { year } = readQuery(event, query);
  return json(await listSubmitted(app().db, event.locals.actor, year));
});
