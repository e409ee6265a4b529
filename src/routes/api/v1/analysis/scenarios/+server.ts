import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api, readJson, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { scenariosQuery } from '$lib/server/analysis/api-spec';
import { listScenarios, saveScenario, saveScenarioSchema } from '$lib/server/analysis/scenarios';


export const GET: RequestHandler = api(async (event) => json(await listScenarios(app().db, event.locals.actor, readQuery(event, scenariosQuery).county)));
export const POST: RequestHandler = api(async (event) => json(await saveScenario(app().db, event.locals.actor, await readJson(event, saveScenarioSchema)), { status: 201 }));
