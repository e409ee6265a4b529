import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getScenario, reevaluate, updateScenario, updateScenarioSchema } from '$lib/server/analysis/scenarios';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => {
    const scenario = await getScenario(app().db, actor, params.id);
    return { scenario, current: await reevaluate(app().db, actor, scenario), justSaved: url.searchParams.has('sparat') };
  });
};

export const actions: Actions = {
  update: async (event) => runForm(event, updateScenarioSchema, async (input) => ({ updated: !!(await updateScenario(app().db, event.locals.actor, event.params.id, input)) }))
};
