import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { countyOf, guardPage, requireSignedIn } from '$lib/server/pages';
import { canEdit } from '$lib/server/grants/access';
import { createCall, createFund, listFunds, setBudget, todayIso } from '$lib/server/grants/service';
import { budgetFormSchema, callSchema, fundSchema } from '$lib/server/grants/schemas';
import { runForm } from '$lib/server/forms';

export const load: PageServerLoad = async ({ locals, url }) => {
  const actor = requireSignedIn(locals, url);
  const county = countyOf(actor, url);
  return guardPage(async () => ({ county, funds: await listFunds(app().db, actor, county), canEdit: canEdit(actor, county), today: todayIso(), saved: url.searchParams.get('sparat') ?? '' }));
};

const back = (what: string) => redirect(303, `/stod/fonder?sparat=${what}`);

export const actions: Actions = {
  fund: async (event) => {
    const actor = event.locals.actor;
    const r = await runForm(event, fundSchema, (input) => createFund(app().db, actor, actor ? countyOf(actor, event.url) : '', input));
    if (typeof r === 'string') back('fund');
    return r;
  },
  budget: async (event) => {
    const r = await runForm(event, budgetFormSchema, (input) => setBudget(app().db, event.locals.actor, input));
    if (r === undefined) back('budget');
    return r;
  },
  call: async (event) => {
    const r = await runForm(event, callSchema, (input) => createCall(app().db, event.locals.actor, input));
    if (typeof r === 'string') back('call');
    return r;
  }
};
