import { redirect } from '@sveltejs/kit';
import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { followUpFromForm } from '$lib/server/programmes/forms';
import { getFollowUp, reportToBoard, saveFollowUp, startNextYearPlan, submitFollowUp } from '$lib/server/programmes/followups';
import { boardReportSchema, followUpSaveSchema, versionOnlySchema } from '$lib/server/programmes/schemas';
import { yearParam } from '$lib/server/programmes/core';
import { can } from '$lib/server/auth/policy';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const followUp = await guardPage(() => getFollowUp(app().db, locals.actor, params.id, yearParam(params.year)), () => redirectToSignIn(url));
  return { followUp, isEditor: can(locals.actor, 'county.edit', { type: 'county', countyCode: followUp.countyCode }) };
};

const followUpId = async (event: { locals: App.Locals; params: { id: string; year: string } }) =>
  (await getFollowUp(app().db, event.locals.actor, event.params.id, yearParam(event.params.year))).id;

export const actions: Actions = {
  save: async (event) =>
    runForm(event, z.preprocess((raw) => followUpFromForm(raw as Record<string, string>), followUpSaveSchema), async (input) => {
      await saveFollowUp(app().db, event.locals.actor, await followUpId(event), input);
      return { saved: true };
    }),
  submit: async (event) =>
    runForm(event, versionOnlySchema, async (input) => {
      await submitFollowUp(app().db, event.locals.actor, await followUpId(event), input.version);
      return { submitted: true };
    }),
  board: async (event) =>
    runForm(event, boardReportSchema, async (input) => {
      await reportToBoard(app().db, event.locals.actor, await followUpId(event), input);
      return { reported: true };
    }),
  next: async (event) =>
    runForm(event, z.object({}), async () => {
      const plan = await startNextYearPlan(app().db, event.locals.actor, await followUpId(event));
      redirect(303, `/program/${event.params.id}/handlingsplan/${plan.year}`);
    })
};
