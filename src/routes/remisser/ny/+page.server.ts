import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { app } from '$lib/server/app';
import { guardPage, requireSignedIn } from '$lib/server/pages';
import { forbidden } from '$lib/server/errors';
import { assertCan } from '$lib/server/auth/policy';
import { listCases } from '$lib/server/cases/cases';
import { consultationInputSchema, createConsultation } from '$lib/server/cases/consultations';
import { consultableVersions } from '$lib/server/cases/programme-link';
import { todayInSweden } from '$lib/server/cases/process-plan';
import { runMultipartForm } from '$lib/server/cases/pages';

export const load: PageServerLoad = async (event) => {
  const actor = requireSignedIn(event.locals, event.url);
  const { db } = app();
  return guardPage(async () => {
    const countyCode = actor.organisation.countyCode;
    if (!countyCode) throw forbidden();
    assertCan(actor, 'county.edit', { type: 'county', countyCode });
    const orgs = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where((eb) => eb.or([eb('county_code', '=', countyCode), eb('kind', '=', 'agency')]))
      .where('id', '!=', actor.organisation.id)
      .execute();
    const order: Record<string, number> = { municipality: 0, lansstyrelse: 1 };
    orgs.sort((a, b) => (order[a.kind] ?? 2) - (order[b.kind] ?? 2) || a.name.localeCompare(b.name, 'sv'));
    return {
      versions: (await consultableVersions(db, countyCode)).map((v) => ({ value: v.id, label: v.label })),
      organisations: orgs,
      cases: (await listCases(db, actor)).map((c) => ({ value: c.id, label: `${c.diaryNumber} ${c.title}` })),
      today: todayInSweden()
    };
  }, () => requireSignedIn(event.locals, event.url));
};

const many = (raw: Record<string, string | string[]>, key: string) => (raw[key] === undefined ? [] : Array.isArray(raw[key]) ? raw[key] : [raw[key]]);
const one = (raw: Record<string, string | string[]>, key: string) => (Array.isArray(raw[key]) ? raw[key][0] : raw[key]);

export const actions: Actions = {
  default: async (event) => {
    const result = await runMultipartForm(
      event,
      (raw) => ({ title: one(raw, 'title'), versionId: one(raw, 'versionId'), sentOn: one(raw, 'sentOn'), deadline: one(raw, 'deadline'), recipients: many(raw, 'recipients'), caseId: one(raw, 'caseId') }),
      consultationInputSchema,
      (input) => createConsultation(app().db, event.locals.actor, input)
    );
    if ('id' in result) redirect(303, `/remisser/${result.id}`);
    return result;
  }
};
