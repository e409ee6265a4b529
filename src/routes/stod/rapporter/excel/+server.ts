import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn, yearOf } from '$lib/server/pages';
import { quarterOf } from '$lib/server/grants/page';
import { grantReport } from '$lib/server/grants/reports';
import { reportWorkbook } from '$lib/server/grants/export';
import { download } from '$lib/server/documents/response';

export const GET: RequestHandler = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const year = yearOf(url, new Date().getUTCFullYear() - 1);
  const quarter = quarterOf(url);
  return guardPage(async () => {
    const report = await grantReport(app().db, actor, county, { year, quarter });
    const buffer = await reportWorkbook(report, locals.locale);
    return download(buffer, `Stöd ${report.countyName} ${year}${quarter ? ` kv${quarter}` : ''}.xlsx`, 'xlsx');
  });
};
