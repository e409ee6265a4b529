import { error } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { decisionFormOptions, decisionFormValues, decisionFromForm, decisionInputSchema, getDecision, signDecision, updateDecision } from '$lib/server/cases/decisions';
import { todayInSweden } from '$lib/server/cases/process-plan';
import { runMultipartForm } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    const d = await getDecision(db, actor, event.params.decisionId, event.locals.locale);
    if (d.caseId !== event.params.id) error(404, 'error.notFound');
    return {
      decision: d,
      values: d.canEdit ? decisionFormValues(d, { date: todayInSweden() }) : null,
      options: d.canEdit ? await decisionFormOptions(db, actor, { id: d.caseId, countyCode: actor.organisation.countyCode ?? '' }, d.id) : null
    };
  }, () => requireSignedIn(event.locals, event.url));
};

const withVersion = decisionInputSchema.and(z.object({ version: z.coerce.number().int().positive() }));

export const actions: Actions = {
  save: async (event) => {
    const result = await runMultipartForm(event, decisionFromForm, withVersion, async (input) => {
      await updateDecision(app().db, event.locals.actor, event.params.decisionId, input.version, input);
      return { saved: true as const };
    });
    return result;
  },
  sign: async (event) => {
    const result = await runForm(event, z.object({ version: z.coerce.number().int().positive() }), async (input) => {
      await signDecision(app().db, event.locals.actor, event.params.decisionId, input.version);
      return { signed: true as const };
    });
    return result;
  }
};
