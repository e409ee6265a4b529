import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { adoptActionPlan, findPlanId, getActionPlan } from '$lib/server/programmes/plans';
import { adoptSchema } from '$lib/server/programmes/schemas';
import { yearParam } from '$lib/server/programmes/core';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  plan: await guardPage(() => getActionPlan(app().db, locals.actor, params.id, yearParam(params.year)), () => redirectToSignIn(url))
});

export const actions: Actions = {
  adopt: async (event) =>
    runForm(event, adoptSchema, async (input) => {
      const { db } = app();
      const planId = await findPlanId(db, event.params.id, yearParam(event.params.year));
      await adoptActionPlan(db, event.locals.actor, planId, input);
      return { adopted: true };
    })
};
