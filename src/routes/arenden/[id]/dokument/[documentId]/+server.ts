import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { openDocument } from '$lib/server/cases/cases';
import { fileResponse } from '$lib/server/cases/pages';

export const GET: RequestHandler = api(async (event) => fileResponse(await openDocument(app().db, event.locals.actor, event.params.id, event.params.documentId)));
