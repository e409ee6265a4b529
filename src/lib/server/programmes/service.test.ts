import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import { DomainError } from '../errors';
import { parseInput } from '../validation';
import type { Actor } from '../auth/actor';
import { compareVersions, createNewVersion, createProgramme, getProgramme, getProgrammeVersion, listProgrammes, sendToConsultation, updateProgrammeVersion } from './programmes';
import { addIntervention, adoptActionPlan, createActionPlan, getActionPlan, updateIntervention } from './plans';
import { getFollowUp, reportToBoard, saveFollowUp, startNextYearPlan, submitFollowUp } from './followups';
import { adoptableRecords, adoptRecordInTx } from './adoption';
import { programmeFacts } from './facts';
import { registerGoalMeasureLookup } from './measures';
import { nationalOverview } from './overview';
import { interventionSchema, updateInterventionSchema } from './schemas';
import { emptyContent } from './core';

let database: TestDatabase;
const a: Record<string, Actor> = {};
let programmeId: string;

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

const intervention = (over: Record<string, unknown> = {}) =>
  parseInput(
    interventionSchema,
    {
      title: 'Hemsändning av dagligvaror',
      description: 'Stöd till kommunernas hemsändning.',
      goalCodes: ['M1'],
      responsibleOrganisationIds: ['kommun-2313'],
      responsibleRole: 'Landsbygdsutvecklare',
      partners: ['Lanthandlare i kommunen'],
      startDate: '2024-01-01',
      endDate: '2024-12-31',
      budgetSek: 150000,
      fundingSource: 'Anslag 1:1',
      goals: [{ indicator: 'Hushåll som får hemsändning', unit: 'hushåll', baseline: 40, target: 60, targetDate: '2024-12-31' }],
      ...over
    },
    'sv'
  );

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  a.region = await createActor(db, 'region-23', 'editor');
  a.regionAdmin = await createActor(db, 'region-23', 'admin');
  a.regionReader = await createActor(db, 'region-23', 'reader');
  a.region24 = await createActor(db, 'region-24', 'editor');
  a.stromsund = await createActor(db, 'kommun-2313', 'editor');
  a.ostersund = await createActor(db, 'kommun-2380', 'editor');
  a.lst = await createActor(db, 'lansstyrelsen-23', 'editor');
  a.tvv = await createActor(db, 'tillvaxtverket', 'reader');
  programmeId = (await createProgramme(db, a.region, { title: 'Regionalt serviceprogram 2023–2030', periodStart: 2023, periodEnd: 2030 })).id;
});
afterAll(async () => {
  await database?.close();
});

describe('programme versions: draft → consultation → adopted → frozen → new version', () => {
  it('walks the workflow and keeps every adopted version unchanged', async () => {
    const db = database.db;
    let view = await getProgramme(db, a.region, programmeId);
    const v1 = view.current;
    expect(v1).toMatchObject({ number: 1, status: 'draft', canEdit: true });
    const content = {
      ...emptyContent(),
      background: 'Första utkastet.',
      goals: [{ code: 'M1', title: 'Dagligvaror inom räckhåll', description: '', indicators: [{ name: 'Andel invånare inom 10 km', unit: '%', baseline: 96, target: 98, targetYear: 2030 }] }]
    };
    await updateProgrammeVersion(db, a.region, v1.id, { version: v1.version, content });
    // Stale save of the draft: 409 with the current content.
    const stale = await errorOf(updateProgrammeVersion(db, a.region, v1.id, { version: v1.version, content }));
    expect(stale.status).toBe(409);
    expect(stale.details?.current).toBeTruthy();

    const afterSave = await getProgrammeVersion(db, a.region, v1.id);
    await sendToConsultation(db, a.region, v1.id, afterSave.version);
    expect((await getProgrammeVersion(db, a.region, v1.id)).status).toBe('consultation');
    // A consultation version is frozen for the consultation bodies.
    expect((await errorOf(updateProgrammeVersion(db, a.region, v1.id, { version: afterSave.version + 1, content }))).status).toBe(409);

    const v2 = await createNewVersion(db, a.region, programmeId);
    expect(v2.number).toBe(2);
    expect((await errorOf(createNewVersion(db, a.region, programmeId))).messageKey).toBe('programmes.error.draftExists');
    const v2view = await getProgrammeVersion(db, a.region, v2.id);
    expect(v2view.content.background).toBe('Första utkastet.');
    await updateProgrammeVersion(db, a.region, v2.id, { version: v2view.version, content: { ...content, background: 'Efter remissen.' } });

    await db.transaction().execute((trx) =>
      adoptRecordInTx(trx, a.region, { kind: 'programmeVersion', id: v2.id }, { decisionId: '', date: '2023-05-23', decidedBy: 'Regionala utvecklingsnämnden', paragraph: '§ 89', delegation: null })
    );
    const adopted = await getProgrammeVersion(db, a.region, v2.id);
    expect(adopted).toMatchObject({ status: 'adopted', adopted: { date: '2023-05-23', body: 'Regionala utvecklingsnämnden', paragraph: '§ 89' }, canEdit: false });
    expect((await errorOf(updateProgrammeVersion(db, a.region, v2.id, { version: adopted.version, content }))).status).toBe(409);
    expect((await errorOf(db.transaction().execute((trx) => adoptRecordInTx(trx, a.region, { kind: 'programmeVersion', id: v2.id }, { decisionId: '', date: '2023-06-01', decidedBy: 'x', paragraph: null, delegation: null })))).status).toBe(409);
    // Even a direct write cannot change an adopted version: the database refuses it.
    await expect(sql`update programme_versions set content = '{}' where id = ${v2.id}`.execute(db)).rejects.toThrow();

    const v3 = await createNewVersion(db, a.region, programmeId);
    expect(v3.number).toBe(3);
    const v3view = await getProgrammeVersion(db, a.region, v3.id);
    await updateProgrammeVersion(db, a.region, v3.id, { version: v3view.version, content: { ...content, background: 'Revidering 2025.' } });
    expect((await getProgrammeVersion(db, a.region, v2.id)).content.background).toBe('Efter remissen.');

    const comparison = await compareVersions(db, a.region, v2.id, v3.id);
    expect(comparison.chapters.map((c) => c.title)).toEqual(['Bakgrund', 'Analys', 'SWOT', 'Mål', 'Prioriteringar', 'Genomförande']);
    expect(comparison.chapters.find((c) => c.key === 'background')).toMatchObject({ a: 'Efter remissen.', b: 'Revidering 2025.', changed: true });
    expect(comparison.chapters.find((c) => c.key === 'goals')?.changed).toBe(false);

    // The consultation version 1 can no longer be adopted: version 2 already is.
    const older = await errorOf(db.transaction().execute((trx) => adoptRecordInTx(trx, a.region, { kind: 'programmeVersion', id: v1.id }, { decisionId: '', date: '2023-06-01', decidedBy: 'x', paragraph: null, delegation: null })));
    expect(older).toMatchObject({ status: 409, messageKey: 'programmes.error.newerAdopted' });

    view = await getProgramme(db, a.region, programmeId);
    expect(view.current.number).toBe(2); // the adopted one is shown by default
    expect(view.versions.map((v) => [v.number, v.status])).toEqual([
      [3, 'draft'],
      [2, 'adopted'],
      [1, 'consultation']
    ]);
  });

  it('shows Tillväxtverket adopted versions only, and nothing to other counties or the public', async () => {
    const db = database.db;
    const list = await listProgrammes(db, a.tvv, '23');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'adopted', adopted: { date: '2023-05-23', body: 'Regionala utvecklingsnämnden', paragraph: '§ 89' } });
    expect((await getProgramme(db, a.tvv, programmeId)).versions.map((v) => v.number)).toEqual([2]);
    expect((await listProgrammes(db, a.region, '23'))[0].status).toBe('draft');
    expect((await errorOf(listProgrammes(db, a.region24, '23'))).status).toBe(403);
    expect((await errorOf(listProgrammes(db, null, '23'))).status).toBe(401);
    const draft = (await getProgramme(db, a.region, programmeId)).versions[0];
    expect((await errorOf(getProgrammeVersion(db, a.tvv, draft.id))).status).toBe(403);
    // Consultation: chapters (title + text) of a chosen version.
    const chapters = (await getProgrammeVersion(db, a.stromsund, draft.id)).chapters;
    expect(chapters[0]).toEqual({ key: 'background', title: 'Bakgrund', text: 'Revidering 2025.' });
  });

  it('lets only the region edit the programme', async () => {
    const db = database.db;
    const draft = (await getProgramme(db, a.region, programmeId)).versions[0];
    for (const who of [a.region24, a.stromsund, a.lst, a.tvv, a.regionReader]) {
      expect((await errorOf(updateProgrammeVersion(db, who, draft.id, { version: 1, content: emptyContent() }))).status).toBe(403);
    }
    expect((await errorOf(createNewVersion(db, null, programmeId))).status).toBe(401);
  });
});

describe('action plans, interventions and adoption', () => {
  let planId: string;
  it('adds interventions, saves with optimistic locking and rejects bad input and strangers', async () => {
    const db = database.db;
    planId = (await createActionPlan(db, a.region, programmeId, { year: 2024, introduction: 'Planen för 2024.' })).id;
    expect((await errorOf(createActionPlan(db, a.region, programmeId, { year: 2024, introduction: '' }))).status).toBe(409);
    expect((await errorOf(createActionPlan(db, a.region, programmeId, { year: 2031, introduction: '' }))).status).toBe(400);
    const first = await addIntervention(db, a.region, planId, intervention());
    await addIntervention(db, a.region, planId, intervention({ title: 'Servicepunkter i glesbygd', goals: [], budgetSek: null }));
    await addIntervention(db, a.region, planId, intervention({ title: 'Service Z-nätverket', goals: [{ indicator: 'Nätverksträffar', unit: 'antal', baseline: null, target: 4 }] }));
    expect(first.responsible).toEqual([{ organisationId: 'kommun-2313', name: 'Strömsunds kommun' }]);

    const input = parseInput(updateInterventionSchema, { ...intervention(), version: first.version, title: 'Hemsändning i Strömsund', goals: [{ ...first.goals[0], target: 70 }, { indicator: 'Nöjda kunder', unit: '%', target: 90 }] }, 'sv');
    const saved = await updateIntervention(db, a.region, planId, first.id, input);
    expect(saved.version).toBe(first.version + 1);
    expect(saved.goals[0].id).toBe(first.goals[0].id); // goal ids survive an edit
    expect(saved.goals.map((g) => g.target)).toEqual([70, 90]);

    const stale = await errorOf(updateIntervention(db, a.region, planId, first.id, input));
    expect(stale.status).toBe(409);
    expect((stale.details?.current as { title: string }).title).toBe('Hemsändning i Strömsund');

    for (const who of [a.region24, a.stromsund, a.lst, a.tvv, a.regionReader]) {
      expect((await errorOf(updateIntervention(db, who, planId, first.id, { ...input, version: saved.version }))).status).toBe(403);
    }
    expect((await errorOf(updateIntervention(db, null, planId, first.id, { ...input, version: saved.version }))).status).toBe(401);
    const badOrg = await errorOf(updateIntervention(db, a.region, planId, first.id, { ...input, version: saved.version, responsibleOrganisationIds: ['kommun-2480'] }));
    expect(badOrg.status).toBe(400);
    expect(badOrg.fields?.responsibleOrganisationIds).toBeTruthy();
    const badGoal = await errorOf(updateIntervention(db, a.region, planId, first.id, { ...input, version: saved.version, goalCodes: ['M9'] }));
    expect(badGoal.fields?.goalCodes).toBeTruthy();
  });

  it('validates interventions with Swedish field errors', () => {
    const error = (() => {
      try {
        parseInput(updateInterventionSchema, { version: 1, title: '', budgetSek: 12.5, startDate: '2024-05-01', endDate: '2024-01-01', goals: [{ indicator: '', unit: 'st', target: 'många' }] }, 'sv');
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.fields).toMatchObject({
      title: 'Ange en rubrik.',
      budgetSek: 'Ange budgeten i hela kronor, utan decimaler.',
      'goals.0.indicator': 'Fyll i fältet.',
      'goals.0.target': 'Ange ett målvärde som ett tal.'
    });
  });

  it('adopts by delegation, freezes the plan and opens its follow-up', async () => {
    const db = database.db;
    const plan = await getActionPlan(db, a.region, programmeId, 2024);
    expect((await errorOf(getActionPlan(db, a.tvv, programmeId, 2024))).status).toBe(403); // a draft
    expect((await errorOf(adoptActionPlan(db, a.region, planId, { version: plan.version + 5, date: '2024-02-01', decidedBy: 'Regional utvecklingsdirektör', paragraph: null, delegation: null, reference: null }))).status).toBe(409);
    expect((await errorOf(adoptActionPlan(db, a.stromsund, planId, { version: plan.version, date: '2024-02-01', decidedBy: 'x', paragraph: null, delegation: null, reference: null }))).status).toBe(403);
    await adoptActionPlan(db, a.region, planId, {
      version: plan.version,
      date: '2024-02-01',
      decidedBy: 'Regional utvecklingsdirektör',
      paragraph: null,
      delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
      reference: 'RUN/536/2021'
    });
    const adopted = await getActionPlan(db, a.tvv, programmeId, 2024);
    expect(adopted).toMatchObject({ status: 'adopted', canEdit: false, adopted: { date: '2024-02-01', body: 'Regional utvecklingsdirektör', delegation: 'Regionala utvecklingsnämndens beslut § 89/2023', reference: 'RUN/536/2021' } });
    const i = adopted.interventions[0];
    const frozen = await errorOf(updateIntervention(db, a.region, planId, i.id, parseInput(updateInterventionSchema, { ...intervention(), version: i.version }, 'sv')));
    expect(frozen).toMatchObject({ status: 409, messageKey: 'programmes.error.planAdopted' });
    expect((await errorOf(addIntervention(db, a.region, planId, intervention()))).status).toBe(409);
    expect((await errorOf(db.transaction().execute((trx) => adoptRecordInTx(trx, a.region, { kind: 'actionPlan', id: planId }, { decisionId: 'd1', date: '2024-03-01', decidedBy: 'x', paragraph: null, delegation: null })))).status).toBe(409);
    const records = await adoptableRecords(db, '23');
    expect(records.find((r) => r.id === planId)).toMatchObject({ kind: 'actionPlan', adopted: true, title: 'Handlingsplan 2024 för Regionalt serviceprogram 2023–2030' });
    expect(records.filter((r) => r.kind === 'programmeVersion')).toHaveLength(3);
    expect(await adoptableRecords(db, '24')).toEqual([]);
  });

  it('refuses to adopt an empty plan, and a decision of another county', async () => {
    const db = database.db;
    const empty = await createActionPlan(db, a.region, programmeId, { year: 2026, introduction: '' });
    const e = await errorOf(db.transaction().execute((trx) => adoptRecordInTx(trx, a.region, { kind: 'actionPlan', id: empty.id }, { decisionId: 'd', date: '2026-01-10', decidedBy: 'x', paragraph: null, delegation: null })));
    expect(e.status).toBe(400);
    const other = await errorOf(db.transaction().execute((trx) => adoptRecordInTx(trx, a.region24, { kind: 'actionPlan', id: empty.id }, { decisionId: 'd', date: '2026-01-10', decidedBy: 'x', paragraph: null, delegation: null })));
    expect(other.status).toBe(403);
  });
});

describe('follow-up: outcomes, deadline, submission, board report and carry-over', () => {
  it('is in progress after adoption, readable by the county but not by Tillväxtverket', async () => {
    const db = database.db;
    const f = await getFollowUp(db, a.region, programmeId, 2024, '2025-03-10');
    expect(f).toMatchObject({ status: 'in_progress', canEdit: true, deadline: { deadline: '2025-03-31', state: 'dueSoon', daysLeft: 21 } });
    expect((await getFollowUp(db, a.region, programmeId, 2024, '2025-04-02')).deadline.state).toBe('overdue');
    expect((await errorOf(getFollowUp(db, a.tvv, programmeId, 2024))).status).toBe(403);
    expect((await errorOf(getFollowUp(db, a.region24, programmeId, 2024))).status).toBe(403);
    expect((await errorOf(getFollowUp(db, null, programmeId, 2024))).status).toBe(401);
  });

  it('saves outcomes with locking, requires every status before submitting, then locks and shows it to Tillväxtverket', async () => {
    const db = database.db;
    let f = await getFollowUp(db, a.region, programmeId, 2024);
    const [home, points, network] = f.interventions;
    const save = {
      version: f.version,
      summary: '',
      lessons: 'Samordning lönar sig.',
      interventions: [
        { interventionId: home.id, status: 'delvis' as const, comment: 'Två av tre kommuner.' },
        { interventionId: network.id, status: 'genomford' as const, comment: '' }
      ],
      outcomes: [
        { goalId: home.goals[0].id, outcome: 55, comment: '' },
        { goalId: network.goals[0].id, outcome: 4, comment: '' }
      ]
    };
    await saveFollowUp(db, a.region, f.id, save);
    expect((await errorOf(saveFollowUp(db, a.region, f.id, save))).status).toBe(409);
    expect((await errorOf(saveFollowUp(db, a.stromsund, f.id, { ...save, version: f.version + 1 }))).status).toBe(403);
    f = await getFollowUp(db, a.region, programmeId, 2024);
    expect(f.counts).toEqual({ genomford: 1, delvis: 1, ej_genomford: 0, pagar: 0, none: 1 });
    expect(f.interventions[0].goals[0]).toMatchObject({ target: 70, outcome: 55 });

    const incomplete = await errorOf(submitFollowUp(db, a.region, f.id, f.version));
    expect(incomplete.status).toBe(400);
    expect(Object.keys(incomplete.fields ?? {}).sort()).toEqual([`status.${points.id}`, 'summary'].sort());

    await saveFollowUp(db, a.region, f.id, { ...save, version: f.version, summary: 'Året i korthet.', interventions: [...save.interventions, { interventionId: points.id, status: 'ej_genomford', comment: 'Ingen sökande.' }] });
    f = await getFollowUp(db, a.region, programmeId, 2024);
    await submitFollowUp(db, a.region, f.id, f.version, '2025-04-03');
    const submitted = await getFollowUp(db, a.tvv, programmeId, 2024, '2025-05-01');
    expect(submitted).toMatchObject({ status: 'submitted', submittedDate: '2025-04-03', canEdit: false, deadline: { state: 'submittedLate' } });
    expect((await errorOf(saveFollowUp(db, a.region, f.id, { ...save, version: submitted.version }))).messageKey).toBe('programmes.error.followUpSubmitted');
    expect((await errorOf(reportToBoard(db, a.tvv, f.id, { version: submitted.version, date: '2025-04-20', reference: '§ 40' }))).status).toBe(403);
    await reportToBoard(db, a.region, f.id, { version: submitted.version, date: '2025-04-20', reference: '§ 40' });
    expect(await getFollowUp(db, a.region, programmeId, 2024)).toMatchObject({ boardReportedDate: '2025-04-20', boardReference: '§ 40' });
  });

  it('carries what was not done into next year, with outcomes as new baselines', async () => {
    const db = database.db;
    const f = await getFollowUp(db, a.region, programmeId, 2024);
    expect(f.next).toMatchObject({ year: 2025, exists: false, carried: 2, allowed: true });
    expect((await errorOf(startNextYearPlan(db, a.stromsund, f.id))).status).toBe(403);
    const next = await startNextYearPlan(db, a.region, f.id);
    expect(next).toMatchObject({ year: 2025, carried: 2 });
    const plan = await getActionPlan(db, a.region, programmeId, 2025);
    expect(plan.status).toBe('draft');
    expect(plan.interventions.map((i) => i.title)).toEqual(['Hemsändning i Strömsund', 'Servicepunkter i glesbygd']);
    const home = plan.interventions[0];
    expect(home.carriedFromId).toBe(f.interventions[0].id);
    expect(home.goals.map((g) => [g.indicator, g.baseline, g.target, g.targetDate])).toEqual([
      ['Hushåll som får hemsändning', 55, 70, '2025-12-31'],
      ['Nöjda kunder', null, 90, null]
    ]);
    expect([home.startDate, home.endDate]).toEqual(['2025-01-01', '2025-12-31']);
    expect((await errorOf(startNextYearPlan(db, a.region, f.id))).status).toBe(409);
  });

  it("shows the measured value from the analysis domain's lookup when one is registered", async () => {
    const db = database.db;
    const f0 = await getFollowUp(db, a.region, programmeId, 2024);
    const goalId = f0.interventions[0].goals[0].id;
    expect(f0.interventions[0].goals[0].measured).toBeUndefined();
    registerGoalMeasureLookup(async (_db, ids, year) => new Map(ids.filter((id) => id === goalId).map((id) => [id, { value: 57, unit: 'hushåll', source: `Analys ${year}`, date: '2024-12-31' }])));
    try {
      const f = await getFollowUp(db, a.region, programmeId, 2024);
      expect(f.interventions[0].goals[0].measured).toEqual({ value: 57, unit: 'hushåll', source: 'Analys 2024', date: '2024-12-31' });
    } finally {
      registerGoalMeasureLookup(null);
    }
  });
});

describe('national overview and facts', () => {
  it('gives Tillväxtverket all 21 counties with submitted, late and missing', async () => {
    const db = database.db;
    const o = await nationalOverview(db, a.tvv, 2024, '2025-06-01');
    expect(o.rows).toHaveLength(21);
    expect(o.rows.find((r) => r.countyCode === '23')).toMatchObject({ programme: { status: 'adopted' }, plan: { status: 'adopted' }, followUp: { state: 'submittedLate', submittedDate: '2025-04-03' } });
    expect(o.rows.find((r) => r.countyCode === '24')?.followUp.state).toBe('missing');
    expect(o.totals).toEqual({ submitted: 1, late: 1, missing: 20 });
    expect((await nationalOverview(db, a.tvv, 2025, '2026-04-05')).rows.find((r) => r.countyCode === '23')?.followUp.state).toBe('missing'); // plan 2025 is a draft
    expect((await errorOf(nationalOverview(db, a.region, 2024))).status).toBe(403);
    expect((await errorOf(nationalOverview(db, null, 2024))).status).toBe(401);
  });

  it('offers facts for result-report section 1', async () => {
    const facts = await programmeFacts(database.db, '23', 2024);
    expect(facts.map((f) => f.id)).toEqual(['programmes.programme.adopted', 'programmes.plan.interventions', 'programmes.followUp.outcomes', 'programmes.followUp.status']);
    expect(facts.every((f) => f.section === 1)).toBe(true);
    expect(facts[0].text).toContain('23 maj 2023, § 89');
    expect(facts[1].text).toContain('3 insatser');
    expect(facts[2].text).toContain('1 genomförda, 1 delvis genomförda, 1 ej genomförda, 0 pågående');
    expect(facts[3].text).toContain('3 april 2025');
    expect(await programmeFacts(database.db, '24', 2024)).toEqual([]);
  });
});
