import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { serveStoredFile } from '$lib/server/documents/response';
import { openAnswerFile } from '$lib/server/cases/consultations';

export const GET: RequestHandler = api(async (event) => serveStoredFile(await openAnswerFile(app().db, event.locals.actor, event.params.id, event.params.organisationId)));
