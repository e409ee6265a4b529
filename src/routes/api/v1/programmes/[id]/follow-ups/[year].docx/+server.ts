import type { RequestHandler } from './$types';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { download } from '$lib/server/documents/response';
import { followUpDocx } from '$lib/server/programmes/exports';
import { yearParam } from '$lib/server/programmes/core';

export const GET: RequestHandler = api(async (event) => {
  const { buffer, filename } = await followUpDocx(app().db, event.locals.actor, event.params.id, yearParam(event.params.year));
  return download(buffer, filename, 'docx');
});
