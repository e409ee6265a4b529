import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { getReport, reopenReport, reopenSchema, setReady, submitReport, type Problem } from '$lib/server/reporting/service';
import { plainYear } from '$lib/server/reporting/api';
import { runForm } from '$lib/server/forms';
import { DomainError } from '$lib/server/errors';
import { translate } from '$lib/i18n';
import * as z from 'zod';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const actor = requireSignedIn(locals, url);
  return guardPage(async () => ({ report: await getReport(app().db, actor, params.county, plainYear(params.year)) }));
};

const back = (params: { county: string; year: string }, flag: string) => redirect(303, `/resultatredovisning/${params.county}/${params.year}?${flag}=1`);

export const actions: Actions = {
  ready: async (event) => {
    const result = await runForm(event, z.object({}), () => setReady(app().db, event.locals.actor, event.params.county, plainYear(event.params.year), true));
    if (typeof result === 'string') back(event.params, 'status');
    return result;
  },
  draft: async (event) => {
    const result = await runForm(event, z.object({}), () => setReady(app().db, event.locals.actor, event.params.county, plainYear(event.params.year), false));
    if (typeof result === 'string') back(event.params, 'status');
    return result;
  },
  submit: async (event) => {
    try {
      await submitReport(app().db, event.locals.actor, event.params.county, plainYear(event.params.year));
    } catch (e) {
      if (e instanceof DomainError) {
        const problems = (e.details?.problems as Problem[] | undefined) ?? [];
        return fail(e.status, { submitProblems: problems, message: translate(event.locals.locale, e.messageKey, e.params) });
      }
      throw e;
    }
    back(event.params, 'inlamnad');
  },
  reopen: async (event) => {
    const result = await runForm(event, reopenSchema, (input) => reopenReport(app().db, event.locals.actor, event.params.county, plainYear(event.params.year), input));
    if (result && 'status' in result && result.status === 'draft') back(event.params, 'oppnad');
    return result;
  }
};
