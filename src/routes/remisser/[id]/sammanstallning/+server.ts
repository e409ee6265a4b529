import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { summaryDocx } from '$lib/server/cases/exports';

export const GET: RequestHandler = api(async (event) => summaryDocx(app().db, event.locals.actor, event.params.id, event.locals.locale));
