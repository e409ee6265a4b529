import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { createNewVersion, getProgramme } from '$lib/server/programmes/programmes';
import { createActionPlan } from '$lib/server/programmes/plans';
import { planCreateSchema } from '$lib/server/programmes/schemas';
import * as z from 'zod';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  programme: await guardPage(() => getProgramme(app().db, locals.actor, params.id), () => redirectToSignIn(url))
});

export const actions: Actions = {
  newVersion: async (event) =>
    runForm(event, z.object({}), async () => {
      const v = await createNewVersion(app().db, event.locals.actor, event.params.id);
      redirect(303, `/program/${event.params.id}/version/${v.id}`);
    }),
  createPlan: async (event) =>
    runForm(event, planCreateSchema, async (input) => {
      const plan = await createActionPlan(app().db, event.locals.actor, event.params.id, input);
      redirect(303, `/program/${event.params.id}/handlingsplan/${plan.year}`);
    })
};
