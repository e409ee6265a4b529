import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { getProcessPlan, processPlanApiView } from '$lib/server/cases/process-plan';

export const GET: RequestHandler = api(async (event) => json(processPlanApiView(await getProcessPlan(app().db, event.locals.actor, event.params.id))));
