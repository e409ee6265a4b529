import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { can } from '$lib/server/auth/policy';
import { listOwnReports } from '$lib/server/reporting/service';
import { listTemplateYears } from '$lib/server/reporting/template';
import { requireSignedIn } from '$lib/server/reporting/pages';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals.actor, url);
  const { db } = app();
  const national = can(actor, 'national.overview', { type: 'public' });
  return {
    reports: await listOwnReports(db, actor),
    overviewYears: national ? await listTemplateYears(db) : []
  };
};
