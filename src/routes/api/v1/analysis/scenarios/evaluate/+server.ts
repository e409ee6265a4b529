import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { evaluateScenario, evaluateSchema } from '$lib/server/analysis/service';

export const POST: RequestHandler = api(async (event) => json(await evaluateScenario(app().db, event.locals.actor, await readJson(event, evaluateSchema))));
