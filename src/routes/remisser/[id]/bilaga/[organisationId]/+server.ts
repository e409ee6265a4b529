import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { openAnswerFile } from '$lib/server/cases/consultations';
import { fileResponse } from '$lib/server/cases/pages';

export const GET: RequestHandler = api(async (event) => fileResponse(await openAnswerFile(app().db, event.locals.actor, event.params.id, event.params.organisationId)));
