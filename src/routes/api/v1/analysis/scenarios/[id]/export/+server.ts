import type { RequestHandler } from './$types';

import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { download } from '$lib/server/documents/response';
import { scenarioExport } from '$lib/server/analysis/exports';
import { scenarioExportQuery } from '$lib/server/analysis/api-spec';



export const GET: RequestHandler = api(async (event) => {
  const out = await scenarioExport(app().db, event.locals.actor, event.params.id, readQuery(event, scenarioExportQuery).format, event.locals.locale);
  return download(out.body, out.filename, out.kind);
});
