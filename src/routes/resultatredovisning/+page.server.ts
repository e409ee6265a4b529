import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { requireSignedIn } from '$lib/server/pages';
import { can } from '$lib/server/auth/policy';
import { listOwnReports } from '$lib/server/reporting/service';
import { listTemplateYears } from '$lib/server/reporting/template';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const { db } = app();
  const national = can(actor, 'national.overview', { type: 'public' });
  return {
    reports: await listOwnReports(db, actor),
    overviewYears: national ? await listTemplateYears(db) : []
  };
};
