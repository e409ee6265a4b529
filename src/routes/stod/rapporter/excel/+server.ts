import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { app } from '$lib/server/app';
import { countyOf, quarterOf, signedIn, yearOf } from '$lib/server/grants/page';
import { grantReport } from '$lib/server/grants/reports';
import { reportWorkbook } from '$lib/server/grants/export';
import { download } from '$lib/server/documents/response';
import { DomainError } from '$lib/server/errors';

export const GET: RequestHandler = async ({ locals, url }) => {
  const actor = signedIn(locals.actor, url);
  const county = countyOf(actor, url);
  const year = yearOf(url, new Date().getUTCFullYear() - 1);
  const quarter = quarterOf(url);
  try {
    const report = await grantReport(app().db, actor, county, { year, quarter });
    const buffer = await reportWorkbook(report, locals.locale);
    return download(buffer, `Stöd ${report.countyName} ${year}${quarter ? ` kv${quarter}` : ''}.xlsx`, 'xlsx');
  } catch (e) {
    if (e instanceof DomainError) error(e.status, e.messageKey);
    throw e;
  }
};
