import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getScenario, updateScenario, updateScenarioSchema } from '$lib/server/analysis/scenarios';

export const GET: RequestHandler = api(async (event) => json(await getScenario(app().db, event.locals.actor, event.params.id)));
export const PATCH: RequestHandler = api(async (event) => json(await updateScenario(app().db, event.locals.actor, event.params.id, await readJson(event, updateScenarioSchema))));
