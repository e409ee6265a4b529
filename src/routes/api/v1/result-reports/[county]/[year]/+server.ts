import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/api/respond';
import { app } from '$lib/server/app';
import { download } from '$lib/server/documents/response';
import { getReport } from '$lib/server/reporting/service';
import { exportReport } from '$lib/server/reporting/document';
import { parseYear, reportJson } from '$lib/server/reporting/api';

/** `/{year}` is the report as JSON; `/{year}.docx` the same report as a Word document. */
export const GET: RequestHandler = api(async ({ params, locals }) => {
  const { year, docx } = parseYear(params.year);
  if (docx) {
    const { buffer, filename } = await exportReport(app().db, locals.actor, params.county, year);
    return download(buffer, filename, 'docx');
  }
  return json(reportJson(await getReport(app().db, locals.actor, params.county, year)));
});
