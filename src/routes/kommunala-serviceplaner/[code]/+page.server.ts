import * as z from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, redirectToSignIn } from '$lib/server/pages';
import { runForm } from '$lib/server/forms';
import { municipalFromForm } from '$lib/server/programmes/forms';
import { getMunicipalPlan, saveMunicipalPlan } from '$lib/server/programmes/municipal';
import { municipalPlanSchema } from '$lib/server/programmes/schemas';

export const load: PageServerLoad = async ({ locals, url, params }) => ({
  plan: await guardPage(() => getMunicipalPlan(app().db, locals.actor, params.code), () => redirectToSignIn(url))
});

export const actions: Actions = {
  default: async (event) =>
    runForm(event, z.preprocess((raw) => municipalFromForm(raw as Record<string, string>), municipalPlanSchema), async (input) => {
      await saveMunicipalPlan(app().db, event.locals.actor, event.params.code, input);
      return { saved: true };
    })
};
