import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { addParameterValue, listParameters, listRates, setRate } from '$lib/server/grants/parameters';
import { parameterSchema, rateFormSchema } from '$lib/server/grants/schemas';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const { db } = app();
    return { ...(await listParameters(db, actor)), rates: await listRates(db, actor), saved: url.searchParams.get('sparat') ?? '' };
  });
};

export const actions: Actions = {
  parameter: async (event) => {
    const r = await runForm(event, parameterSchema, (input) => addParameterValue(app().db, event.locals.actor, input, event.locals.locale));
    if (typeof r === 'string') redirect(303, '/stod/regler?sparat=parameter');
    return r;
  },
  rate: async (event) => {
    const r = await runForm(event, rateFormSchema, (input) => setRate(app().db, event.locals.actor, input));
    if (r === undefined) redirect(303, '/stod/regler?sparat=rate#rates-heading');
    return r;
  }
};
