import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { assertRead } from '$lib/server/analysis/access';
import { rights } from '$lib/server/analysis/pages';
import { currentDatasets } from '$lib/server/analysis/state';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  return guardPage(async () => {
    assertRead(actor, county);
    const { db } = app();
    const datasets = await currentDatasets(db, county);
    const counties = actor.organisation.countyCode ? [] : await db.selectFrom('counties').select(['code', 'name']).orderBy('code').execute();
    const countyName = (await db.selectFrom('counties').select('name').where('code', '=', county).executeTakeFirst())?.name ?? county;
    return { county, countyName, counties, datasets: Object.values(datasets), ...rights(actor, county) };
  });
};
