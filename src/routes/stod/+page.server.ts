import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn, yearOf } from '$lib/server/pages';
import { listApplications, listFunds } from '$lib/server/grants/service';
import { canEdit } from '$lib/server/grants/access';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  const year = url.searchParams.get('ar') ? yearOf(url, 0) : undefined;
  const fundId = url.searchParams.get('fond') ?? '';
  const status = url.searchParams.get('status') ?? '';
  return guardPage(async () => {
    const { db } = app();
    const funds = await listFunds(db, actor, county);
    const applications = await listApplications(db, actor, county, {
      year,
      fundId: fundId || undefined,
      status: ['received', 'assessing', 'granted', 'rejected', 'withdrawn'].includes(status) ? status : undefined
    });
    const municipality = actor.organisation.kind === 'municipality' ? actor.organisation.name : null;
    // Tillväxtverket works across counties and chooses one; everyone else sees their own.
    const counties = actor.organisation.countyCode ? [] : await db.selectFrom('counties').select(['code', 'name']).orderBy('code').execute();
    return { counties, countyQuery: actor.organisation.countyCode ? '' : `?lan=${county}`, county, funds: funds.map((f) => ({ id: f.id, name: f.name })), applications, filter: { year: year ?? '', fundId, status }, canEdit: canEdit(actor, county), municipality };
  });
};
