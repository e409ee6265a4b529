import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { makeCurrent, makeCurrentSchema } from '$lib/server/analysis/datasets';

export const POST: RequestHandler = api(async (event) => json(await makeCurrent(app().db, event.locals.actor, event.params.id, await readJson(event, makeCurrentSchema))));
