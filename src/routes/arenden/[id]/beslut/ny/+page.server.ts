import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { forbidden } from '$lib/server/errors';
import { getCase } from '$lib/server/cases/cases';
import { createDecision, decisionFormOptions, decisionFormValues, decisionFromForm, decisionInputSchema } from '$lib/server/cases/decisions';
import { todayInSweden } from '$lib/server/cases/process-plan';
import { runMultipartForm } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    const c = await getCase(db, actor, event.params.id);
    if (!c.canEdit) throw forbidden();
    return {
      case: { id: c.id, diaryNumber: c.diaryNumber },
      values: decisionFormValues(null, { date: todayInSweden() }),
      options: await decisionFormOptions(db, actor, { id: c.id, countyCode: c.countyCode })
    };
  }, () => requireSignedIn(event.locals, event.url));
};

export const actions: Actions = {
  default: async (event) => {
    const result = await runMultipartForm(event, decisionFromForm, decisionInputSchema, (input) => createDecision(app().db, event.locals.actor, event.params.id, input));
    if ('id' in result) redirect(303, `/arenden/${event.params.id}/beslut/${result.id}`);
    return result;
  }
};
