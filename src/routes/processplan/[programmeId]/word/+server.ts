import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { processPlanDocx } from '$lib/server/cases/exports';

export const GET: RequestHandler = api(async (event) => processPlanDocx(app().db, event.locals.actor, event.params.programmeId, event.locals.locale));
