import type { PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { answerHistory } from '$lib/server/reporting/service';
import { findQuestion, loadTemplate } from '$lib/server/reporting/template';
import { plainYear } from '$lib/server/reporting/api';
import { notFound } from '$lib/server/errors';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const year = plainYear(params.year);
    const history = await answerHistory(app().db, actor, params.county, year, params.question);
    const question = findQuestion(await loadTemplate(app().db, year), params.question);
    if (!question) throw notFound();
    return { history, question, countyCode: params.county, year };
  });
};
