import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { applicationFile } from '$lib/server/grants/service';
import { serveStoredFile } from '$lib/server/documents/response';
import { guardPage } from '$lib/server/pages';

export const GET: RequestHandler = async ({ locals, params }) =>
  guardPage(async () => serveStoredFile(await applicationFile(app().db, locals.actor, params.id, params.fileId)));
