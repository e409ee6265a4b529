import type { Actions, PageServerLoad } from './$types';
import * as z from 'zod';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { bindGoal, bindSchema, canBind, goalValues, listGoals, unbindGoal } from '$lib/server/analysis/indicators';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  return guardPage(async () => {
    const { db } = app();
    const goals = await listGoals(db, actor, county);
    const values = await goalValues(db, goals.filter((g) => g.binding).map((g) => g.goalId), new Date().getFullYear());
    const municipalities = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', county).orderBy('name').execute();
    return { county, goals: goals.map((g) => ({ ...g, value: values.get(g.goalId) ?? null })), municipalities, canEdit: canBind(actor, county) };
  });
};

export const actions: Actions = {
  bind: async (event) => runForm(event, bindSchema.and(z.object({ goalId: z.string() })), async ({ goalId, ...input }) => ({ bound: (await bindGoal(app().db, event.locals.actor, goalId, input)).goalId })),
  unbind: async (event) => runForm(event, z.object({ goalId: z.string() }), async ({ goalId }) => ({ unbound: (await unbindGoal(app().db, event.locals.actor, goalId), goalId) }))
};
