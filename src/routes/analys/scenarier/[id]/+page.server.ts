import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { getScenario, reevaluate, updateScenario, updateScenarioSchema } from '$lib/server/analysis/scenarios';
import { guard, signedIn } from '$lib/server/analysis/pages';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = signedIn(locals, url);
  return guard(async () => {
    const scenario = await getScenario(app().db, actor, params.id);
    return { scenario, current: await reevaluate(app().db, actor, scenario), justSaved: url.searchParams.has('sparat') };
  });
};

export const actions: Actions = {
  update: async (event) => runForm(event, updateScenarioSchema, async (input) => ({ updated: !!(await updateScenario(app().db, event.locals.actor, event.params.id, input)) }))
};
