import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { canEdit } from '$lib/server/grants/access';
import { countyMunicipalities, createApplication, listFunds, todayIso } from '$lib/server/grants/service';
import { applicationSchema } from '$lib/server/grants/schemas';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  if (!canEdit(actor, county)) error(403, 'error.forbidden');
  return guardPage(async () => {
    const { db } = app();
    const funds = await listFunds(db, actor, county);
    return { county, funds: funds.map((f) => ({ id: f.id, name: f.name, calls: f.calls })), municipalities: await countyMunicipalities(db, county), today: todayIso() };
  });
};

export const actions: Actions = {
  default: async (event) => {
    const actor = event.locals.actor;
    const county = actor ? countyOf(actor, event.url) : '';
    const result = await runForm(event, applicationSchema, (input) => createApplication(app().db, actor, county, input));
    if (typeof result === 'string') redirect(303, `/stod/ansokningar/${result}?ny=1`);
    return result;
  }
};
