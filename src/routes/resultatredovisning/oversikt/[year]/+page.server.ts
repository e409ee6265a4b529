import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { listSubmitted, questionAcross } from '$lib/server/reporting/service';
import { loadTemplate } from '$lib/server/reporting/template';
import { plainYear } from '$lib/server/reporting/api';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const year = plainYear(params.year);
    const { db } = app();
    const reports = await listSubmitted(db, actor, year);
    const template = await loadTemplate(db, year);
    const question = url.searchParams.get('fraga');
    const across = question ? await questionAcross(db, actor, year, question) : null;
    return { year, reports, template, question, across };
  });
};
