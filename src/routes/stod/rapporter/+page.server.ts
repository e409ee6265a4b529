import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn, yearOf } from '$lib/server/pages';
import { quarterOf } from '$lib/server/grants/page';
import { grantReport } from '$lib/server/grants/reports';
import { municipalityBoundaries } from '$lib/server/analysis/facts';
import { choropleth } from '$lib/server/grants/map';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const year = yearOf(url, new Date().getUTCFullYear() - 1);
  const quarter = quarterOf(url);
  return guardPage(async () => {
    const { db } = app();
    const report = await grantReport(db, actor, county, { year, quarter });
    const boundaries = await municipalityBoundaries(db, county);
    const map = boundaries ? choropleth(boundaries.features, Object.fromEntries(report.byMunicipality.map((m) => [m.code, m.grantedSek]))) : null;
    return { county, year, quarter: quarter ?? '', report, map };
  });
};
