import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { accessibility } from '$lib/server/analysis/service';
import { areaOf, basemapUrl, typeOf } from '$lib/server/analysis/pages';
import { countyState } from '$lib/server/analysis/state';
import { assertRead } from '$lib/server/analysis/access';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const area = areaOf(url, county);
  const type = typeOf(url);
  return guardPage(async () => {
    assertRead(actor, county);
    const { db } = app();
    const municipalities = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', county).orderBy('name').execute();
    const hasData = !!(await countyState(db, county));
    return { county, area, type, municipalities, view: hasData ? await accessibility(db, actor, { area, serviceType: type }) : null, basemap: basemapUrl() };
  });
};
