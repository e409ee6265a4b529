import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { serveStoredFile } from '$lib/server/documents/response';
import { openDocument } from '$lib/server/cases/cases';

export const GET: RequestHandler = api(async (event) => serveStoredFile(await openDocument(app().db, event.locals.actor, event.params.id, event.params.documentId)));
