import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { can } from '$lib/server/auth/policy';
import { runForm } from '$lib/server/forms';
import { caseInputSchema, createCase, listCases, officerOptions, proposeDiaryNumber } from '$lib/server/cases/cases';
import { decisionsSentTo } from '$lib/server/cases/decisions';
import { listConsultations } from '$lib/server/cases/consultations';
import { todayInSweden } from '$lib/server/cases/process-plan';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  const diaryNumber = event.url.searchParams.get('diarienummer')?.slice(0, 40) ?? '';
  const canCreate = can(actor, 'county.edit', { type: 'county', countyCode: actor.organisation.countyCode ?? '' });
  return guardPage(async () => ({
    search: diaryNumber,
    cases: await listCases(db, actor, { diaryNumber: diaryNumber || undefined }),
    sentToUs: await decisionsSentTo(db, actor),
    consultations: (await listConsultations(db, actor)).toUs,
    organisation: actor.organisation.name,
    canCreate,
    proposed: canCreate ? await proposeDiaryNumber(db, actor, Number(todayInSweden().slice(0, 4))) : null,
    officers: canCreate ? await officerOptions(db, actor) : [],
    today: todayInSweden(),
    me: actor.user.id
  }), () => requireSignedIn(event.locals, event.url));
};

export const actions: Actions = {
  create: async (event) => {
    const result = await runForm(event, caseInputSchema, (input) => createCase(app().db, event.locals.actor, input));
    if ('id' in result) redirect(303, `/arenden/${result.id}`);
    return result;
  }
};
