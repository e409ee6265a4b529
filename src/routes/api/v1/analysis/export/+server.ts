import type { RequestHandler } from './$types';
import { api, readQuery } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { exportQuery } from '$lib/server/analysis/api-spec';
import { download } from '$lib/server/documents/response';
import { accessibilityExport, squaresExport } from '$lib/server/analysis/exports';
import { accessibilityQuery } from '$lib/server/analysis/service';


export const GET: RequestHandler = api(async (event) => {
  const { format, ...query } = readQuery(event, exportQuery);
  const out = format === 'geojson' ? await squaresExport(app().db, event.locals.actor, query) : await accessibilityExport(app().db, event.locals.actor, query, format, event.locals.locale);
  return download(out.body, out.filename, out.kind);
});
