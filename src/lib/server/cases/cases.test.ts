import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TestDatabase } from '../testing/database';
import { createTestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { MAX_FILE_BYTES } from '../files';
import { renderDocx } from '../documents/docx';
import { docxParagraphs } from '../documents/inspect';
import { addDocument, createCase, getCase, listCases, listDocuments, openDocument, proposeDiaryNumber, updateCase } from './cases';
import { formatDiaryNumber, parseDiaryNumber } from './diary';
import { createDecision, decisionApiView, decisionBlocks, getDecision, listDecisions, signDecision, updateDecision, type DecisionInput } from './decisions';
import { getProcessPlan, milestoneStatus, processPlanApiView, processPlanBlocks, saveProcessPlan } from './process-plan';

let db: TestDatabase;
let region: Actor;
let regionReader: Actor;
let otherRegion: Actor;
let municipality: Actor;
let agency: Actor;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function expectError(promise: Promise<unknown>, status: number, messageKey?: string): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error, 'expected a DomainError').toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.status).toBe(status);
  if (messageKey) expect(domainError.messageKey).toBe(messageKey);
  return domainError;
}

const count = async (table: 'files' | 'case_documents' | 'cases') => Number((await db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  db = await createTestDatabase();
  region = await createActor(db.db, 'region-23', 'editor');
  await db.db.updateTable('users').set({ title: 'Regional utvecklare', unit: 'Näringsliv och samhällsbyggnad' }).where('id', '=', region.user.id).execute();
  regionReader = await createActor(db.db, 'region-23', 'reader');
  otherRegion = await createActor(db.db, 'region-22', 'editor');
  municipality = await createActor(db.db, 'kommun-2380', 'editor');
  agency = await createActor(db.db, 'tillvaxtverket', 'editor');
});
afterAll(async () => {
  await db?.close();
});

describe('diary numbers', () => {
  it('parses and formats the register/number/year pattern, and rejects anything else', () => {
    expect(parseDiaryNumber('RUN/536/2021')).toEqual({ register: 'RUN', runningNumber: 536, year: 2021 });
    expect(parseDiaryNumber(' run/536/2021 ')).toEqual({ register: 'RUN', runningNumber: 536, year: 2021 });
    for (const bad of ['RUN-536-2021', 'RUN/0536/2021', 'RUN/536/21', '/536/2021', 'RUN/536/2021/1', 'R1N/5/2021', '']) expect(parseDiaryNumber(bad), bad).toBeNull();
    fc.assert(
      fc.property(fc.stringMatching(/^[A-ZÅÄÖ]{1,10}$/), fc.integer({ min: 1, max: 999999 }), fc.integer({ min: 1900, max: 2199 }), (register, runningNumber, year) => {
        const d = { register, runningNumber, year };
        expect(parseDiaryNumber(formatDiaryNumber(d))).toEqual(d);
      })
    );
  });

  it('are unique per organisation, validated, and the next free number is proposed', async () => {
    const c = await createCase(db.db, region, { diaryNumber: 'RUN/536/2021', title: 'Serviceprogram', opened: '2021-11-01', unit: null, caseOfficerId: region.user.id, programmeId: null });
    expect(c.diary_number).toBe('RUN/536/2021');
    expect(await proposeDiaryNumber(db.db, region, 2021)).toBe('RUN/537/2021');
    expect(await proposeDiaryNumber(db.db, region, 2022)).toBe('RUN/1/2022');
    const taken = await expectError(createCase(db.db, region, { diaryNumber: 'run/536/2021', title: 'Dubblett', opened: '2021-11-02', unit: null, caseOfficerId: null, programmeId: null }), 400, 'cases.error.diaryTaken');
    expect(taken.fields).toEqual({ diaryNumber: 'cases.error.diaryTaken' });
    await expectError(createCase(db.db, region, { diaryNumber: 'RUN-537-2021', title: 'Fel', opened: '2021-11-02', unit: null, caseOfficerId: null, programmeId: null }), 400);
    await expectError(createCase(db.db, region, { diaryNumber: 'KS/537/2021', title: 'Fel register', opened: '2021-11-02', unit: null, caseOfficerId: null, programmeId: null }), 400, 'cases.error.diaryRegister');
    // An officer from another organisation is refused.
    await expectError(createCase(db.db, region, { diaryNumber: '', title: 'Fel handläggare', opened: '2021-11-02', unit: null, caseOfficerId: municipality.user.id, programmeId: null }), 400);
    // Without a number the next free one is taken.
    const next = await createCase(db.db, region, { diaryNumber: '', title: 'Nästa', opened: '2021-12-01', unit: null, caseOfficerId: null, programmeId: null });
    expect(next.diary_number).toBe('RUN/537/2021');
    // Another organisation may use the same number in its own diary.
    await db.db.updateTable('organisations').set({ diary_prefix: 'RUN' }).where('id', '=', 'region-22').execute();
    const theirs = await createCase(db.db, otherRegion, { diaryNumber: 'RUN/536/2021', title: 'Annan region', opened: '2021-11-01', unit: null, caseOfficerId: null, programmeId: null });
    expect(theirs.county_code).toBe('22');
    // The API filter finds exactly one case per number in the actor's county.
    expect((await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' })).map((x) => x.id)).toEqual([c.id]);
    expect(await listCases(db.db, region, { diaryNumber: 'nonsense' })).toEqual([]);
  });

  it('only the region of the county opens and edits cases; the county reads them', async () => {
    for (const actor of [municipality, agency, regionReader]) await expectError(createCase(db.db, actor, { diaryNumber: '', title: 'x', opened: '2022-01-01', unit: null, caseOfficerId: null, programmeId: null }), 403);
    await expectError(createCase(db.db, null, { diaryNumber: '', title: 'x', opened: '2022-01-01', unit: null, caseOfficerId: null, programmeId: null }), 401);
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    expect((await getCase(db.db, municipality, c.id)).canEdit).toBe(false);
    expect((await getCase(db.db, region, c.id)).caseOfficer).toBe('Regional utvecklare, Näringsliv och samhällsbyggnad');
    await expectError(getCase(db.db, otherRegion, c.id), 403);
    await expectError(getCase(db.db, agency, c.id), 403);
    await expectError(getCase(db.db, null, c.id), 401);
    await expectError(getCase(db.db, region, 'not-a-uuid'), 404);
    expect(await listCases(db.db, agency)).toEqual([]);
    const view = await getCase(db.db, region, c.id);
    const saved = await updateCase(db.db, region, c.id, { version: view.version, title: 'Regionalt serviceprogram 2022–2030', unit: 'Samhällsutveckling', caseOfficerId: region.user.id, status: 'open' });
    expect(saved.version).toBe(view.version + 1);
    await expectError(updateCase(db.db, region, c.id, { version: view.version, title: 'Gammal', unit: null, caseOfficerId: null, status: 'open' }), 409);
    await expectError(updateCase(db.db, municipality, c.id, { version: saved.version, title: 'Kommunen', unit: null, caseOfficerId: null, status: 'open' }), 403);
  });
});

describe('documents on a case', () => {
  it('stores an allowed file with its checksum; refuses a wrong type or an oversize file and stores nothing', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const doc = await addDocument(db.db, region, c.id, { title: 'Protokollsutdrag § 89', public: true, name: 'protokoll.pdf', bytes: PDF });
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.addedBy).toBe('Regional utvecklare, Näringsliv och samhällsbyggnad');
    const files = await count('files');
    const docs = await count('case_documents');
    // An executable renamed to .pdf: the content decides.
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const wrong = await expectError(addDocument(db.db, region, c.id, { title: 'Faktura', public: false, name: 'faktura.pdf', bytes: exe }), 415, 'error.fileType');
    expect(wrong.fields).toEqual({ file: 'error.fileType' });
    await expectError(addDocument(db.db, region, c.id, { title: 'HTML', public: false, name: 'sida.docx', bytes: new TextEncoder().encode('<html><body>hej</body></html>') }), 415);
    const big = new Uint8Array(MAX_FILE_BYTES + 1);
    big.set(PDF);
    await expectError(addDocument(db.db, region, c.id, { title: 'Stor', public: false, name: 'stor.pdf', bytes: big }), 413, 'error.fileTooLarge');
    expect(await count('files')).toBe(files);
    expect(await count('case_documents')).toBe(docs);
    // Only the region writes.
    await expectError(addDocument(db.db, municipality, c.id, { title: 'x', public: true, name: 'x.pdf', bytes: PDF }), 403);
    await expectError(addDocument(db.db, regionReader, c.id, { title: 'x', public: true, name: 'x.pdf', bytes: PDF }), 403);
  });

  it('lets those who read the case download public documents; internal ones stay with the region', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const internal = await addDocument(db.db, region, c.id, { title: 'Arbetsmaterial', public: false, name: 'utkast.pdf', bytes: PDF });
    const pub = (await listDocuments(db.db, region, c.id)).find((d) => d.public)!;
    expect(Buffer.from((await openDocument(db.db, municipality, c.id, pub.id)).data)).toEqual(Buffer.from(PDF));
    expect((await openDocument(db.db, regionReader, c.id, internal.id)).name).toBe('utkast.pdf');
    await expectError(openDocument(db.db, municipality, c.id, internal.id), 403);
    expect((await listDocuments(db.db, municipality, c.id)).map((d) => d.id)).not.toContain(internal.id);
    await expectError(openDocument(db.db, otherRegion, c.id, pub.id), 403);
    await expectError(openDocument(db.db, agency, c.id, pub.id), 403);
    await expectError(openDocument(db.db, null, c.id, pub.id), 401);
    await expectError(openDocument(db.db, region, c.id, '00000000-0000-0000-0000-000000000000'), 404);
  });
});

async function programmeWithPlans(year: number) {
  const programme = await db.db
    .insertInto('programmes')
    .values({ county_code: '23', organisation_id: 'region-23', period_start: year, period_end: year + 7, title: `Regionalt serviceprogram ${year}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const plans = await db.db
    .insertInto('action_plans')
    .values([
      { programme_id: programme.id, year },
      { programme_id: programme.id, year: year + 1 }
    ])
    .returning(['id', 'year'])
    .execute();
  // An empty plan cannot be adopted: each gets one intervention.
  for (const p of plans)
    await db.db
      .insertInto('action_plan_interventions')
      .values({ plan_id: p.id, position: 1, title: 'Hemsändning', goal_codes: '[]', responsible_organisation_ids: '[]', partners: '[]' } as never)
      .execute();
  return { programmeId: programme.id, plans: plans.sort((a, b) => a.year - b.year).map((p) => p.id) };
}

function decisionInput(overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    title: 'Handlingsplaner',
    date: '2023-10-24',
    makerKind: 'delegate',
    maker: 'Regional utvecklingsdirektör',
    paragraph: null,
    description: 'Beskrivning.',
    delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
    basis: [{ label: 'Protokollsutdrag § 89', documentId: null }],
    points: [{ text: 'Handlingsplanen fastställs.', adopts: null }],
    reportedTo: 'Regionala utvecklingsnämnden',
    reportedOn: null,
    distribution: ['kommun-2380', 'tillvaxtverket'],
    ...overrides
  };
}

describe('decisions', () => {
  it('can be edited until signed; after signing every change is a 409', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { id } = await createDecision(db.db, region, c.id, decisionInput());
    await updateDecision(db.db, region, id, 1, decisionInput({ title: 'Handlingsplaner 2023' }));
    await expectError(updateDecision(db.db, region, id, 1, decisionInput({ title: 'Gammal version' })), 409, 'error.conflict');
    await expectError(signDecision(db.db, region, id, 1), 409);
    await signDecision(db.db, region, id, 2);
    const signed = await getDecision(db.db, region, id);
    expect(signed.signed).toBe(true);
    expect(signed.title).toBe('Handlingsplaner 2023');
    await expectError(updateDecision(db.db, region, id, signed.version, decisionInput({ title: 'Ändrat efteråt' })), 409, 'cases.error.signed');
    await expectError(signDecision(db.db, region, id, signed.version), 409, 'cases.error.signed');
    expect((await getDecision(db.db, region, id)).title).toBe('Handlingsplaner 2023');
  });

  it('validates its input: a body needs a paragraph, a delegate a delegation, recipients must exist', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { decisionInputSchema } = await import('./decisions');
    const body = decisionInputSchema.safeParse({ ...decisionInput(), makerKind: 'body', maker: 'Regionala utvecklingsnämnden', paragraph: '' });
    expect(body.success).toBe(false);
    const delegate = decisionInputSchema.safeParse({ ...decisionInput(), delegation: '' });
    expect(delegate.success).toBe(false);
    expect(decisionInputSchema.safeParse({ ...decisionInput(), points: [] }).success).toBe(false);
    await expectError(createDecision(db.db, region, c.id, decisionInput({ distribution: ['finns-inte'] })), 400);
    await expectError(createDecision(db.db, region, c.id, decisionInput({ points: [{ text: 'x', adopts: 'actionPlan:00000000-0000-0000-0000-000000000000' }] })), 400);
    await expectError(createDecision(db.db, region, c.id, decisionInput({ basis: [{ label: 'x', documentId: null, record: 'actionPlan:00000000-0000-0000-0000-000000000000' }] })), 400);
    await expectError(createDecision(db.db, municipality, c.id, decisionInput()), 403);
    await expectError(createDecision(db.db, otherRegion, c.id, decisionInput()), 403);
  });

  it('is read by the county, and once signed by the organisations it was sent to', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { id } = await createDecision(db.db, region, c.id, decisionInput({ title: 'Utkast till Tillväxtverket' }));
    expect((await getDecision(db.db, municipality, id)).signed).toBe(false);
    await expectError(getDecision(db.db, agency, id), 403);
    await expectError(getDecision(db.db, otherRegion, id), 403);
    await expectError(getDecision(db.db, null, id), 401);
    await signDecision(db.db, region, id, 1);
    const seen = await getDecision(db.db, agency, id);
    expect(seen.distribution.map((o) => o.id)).toEqual(['kommun-2380', 'tillvaxtverket']);
    const forAgency = await listDecisions(db.db, agency, c.id);
    expect(forAgency.map((d) => d.id)).toContain(id);
    expect(forAgency.every((d) => d.signed && d.distribution.some((o) => o.id === 'tillvaxtverket'))).toBe(true);
    await expectError(getDecision(db.db, otherRegion, id), 403);
    await expectError(listDecisions(db.db, otherRegion, c.id), 403);
    await expectError(openDocument(db.db, agency, c.id, (await listDocuments(db.db, region, c.id))[0].id), 403);
  });

  it('adopts the records of its points when signed, in the same transaction', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { plans } = await programmeWithPlans(2023);
    const { id } = await createDecision(
      db.db,
      region,
      c.id,
      decisionInput({ points: [{ text: 'Handlingsplan 2023 fastställs.', adopts: `actionPlan:${plans[0]}` }, { text: 'Handlingsplan 2024 fastställs.', adopts: `actionPlan:${plans[1]}` }] })
    );
    await signDecision(db.db, region, id, 1);
    const audit = await db.db.selectFrom('audit_log').select(['action', 'entity']).where('entity_id', 'in', [id, ...plans]).execute();
    expect(audit.map((r) => `${r.entity}.${r.action}`).sort()).toEqual(['actionPlan.adopt', 'actionPlan.adopt', 'decision.create', 'decision.sign']);
    const rows = await db.db.selectFrom('action_plans').select(['id', 'status', 'adopted_date']).where('id', 'in', plans).execute();
    expect(rows.map((r) => [r.status, r.adopted_date])).toEqual([
      ['adopted', '2023-10-24'],
      ['adopted', '2023-10-24']
    ]);
    const links = (await getCase(db.db, region, c.id)).links.filter((l) => l.kind === 'actionPlan').map((l) => l.id);
    expect(links.sort()).toEqual([...plans].sort());
  });

  it('rolls the signing back when an adoption fails', async () => {
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { plans } = await programmeWithPlans(2025);
    const { id } = await createDecision(db.db, region, c.id, decisionInput({ points: [{ text: 'Planen fastställs.', adopts: `actionPlan:${plans[0]}` }] }));
    // Meanwhile the plan is adopted some other way: adopting it again must fail, and with it the signing.
    await db.db.updateTable('action_plans').set({ status: 'adopted', adopted_date: '2025-01-01', adopted_by: 'Regionala utvecklingsnämnden' }).where('id', '=', plans[0]).execute();
    await expect(signDecision(db.db, region, id, 1)).rejects.toThrow();
    const after = await getDecision(db.db, region, id);
    expect(after.signed).toBe(false);
    expect(after.version).toBe(1);
    expect((await getCase(db.db, region, c.id)).links.map((l) => l.id)).not.toContain(plans[0]);
  });
});

describe('the decision document', () => {
  it('has the sections of a delegation decision, in order, with the facts of the demo case', async () => {
    const demoDb = await createTestDatabase();
    try {
      const { DEMO_STEPS } = await import('../demo');
      const context = { users: {}, ids: {} as Record<string, string> };
      await demoDb.db.transaction().execute(async (trx) => {
        for (const step of DEMO_STEPS.slice(0, 3)) await step(trx as never, context);
      });
      const [theCase] = await demoDb.db.selectFrom('cases').select(['id']).where('diary_number', '=', 'RUN/536/2021').execute();
      const officer = (await demoDb.db.selectFrom('users').select('id').where('email', '=', 'region@demo.rsp').executeTakeFirstOrThrow()).id;
      const { actorQuery, toActor } = await import('../auth/sessions');
      const actor = toActor(await actorQuery(demoDb.db).where('users.id', '=', officer).executeTakeFirstOrThrow(), 'session');
      const [decision] = await listDecisions(demoDb.db, actor, theCase.id);
      expect(decisionApiView(decision)).toMatchObject({
        date: '2023-10-24',
        decisionMaker: 'Regional utvecklingsdirektör',
        delegation: 'Regionala utvecklingsnämndens beslut § 89/2023',
        reportedTo: 'Regionala utvecklingsnämnden',
        signed: true
      });
      const paragraphs = await docxParagraphs(await renderDocx({ title: decision.title, blocks: decisionBlocks(decision, 'sv') }));
      const expected = [
        'Samhällsutveckling',
        'Handläggare: Regional utvecklare, Näringsliv och samhällsbyggnad',
        '2023-10-24',
        'RUN/536/2021',
        'Regionalt serviceprogram 2023–2030: Handlingsplan 2023 och 2024',
        'Ärendebeskrivning',
        'Beslutsunderlag',
        'Protokollsutdrag § 89 Regionala utvecklingsnämnden Regionalt serviceprogram 2023–2030',
        'Handlingsplan 2023 för Regionalt serviceprogram Jämtland Härjedalen',
        'Handlingsplan 2024 för Regionalt serviceprogram Jämtland Härjedalen',
        'Delegationsbestämmelse och delegation',
        'Regionala utvecklingsnämndens beslut § 89/2023',
        'Beslut',
        '1. Handlingsplan 2023 för Regionalt serviceprogram Jämtland Härjedalen fastställs.',
        '2. Handlingsplan 2024 för Regionalt serviceprogram Jämtland Härjedalen fastställs.',
        'Regional utvecklingsdirektör',
        'Anmälan',
        'Beslutet anmäls till regionala utvecklingsnämnden',
        'Utdrag till',
        'Länets kommuner',
        'Länsstyrelsen Jämtlands län',
        'Tillväxtverket'
      ];
      let at = -1;
      for (const text of expected) {
        const next = paragraphs.indexOf(text, at + 1);
        expect(next, `"${text}" after paragraph ${at} in:\n${paragraphs.join('\n')}`).toBeGreaterThan(at);
        at = next;
      }
      expect(paragraphs.at(-1)).toBe('Tillväxtverket');
      // The case description carries the facts of the decision's background.
      const description = paragraphs.slice(paragraphs.indexOf('Ärendebeskrivning') + 1, paragraphs.indexOf('Beslutsunderlag')).join(' ');
      for (const fact of ['oktober 2021', '23 maj 2023', '§ 89', 'RUN/515/2018', 'RUN/430/2018', 'Service Z', 'Tillväxtverket']) expect(description).toContain(fact);
      // No real person's contact details: the officer is a role, the signature a title.
      expect(paragraphs.join('\n')).not.toMatch(/@|Tfn/);
      // Sent to all eight municipalities of the county, Länsstyrelsen and Tillväxtverket.
      expect(decision.distribution).toHaveLength(10);
      // The demo's process plan, if the programme step gave a programme.
      if (context.ids['programme.23']) {
        const plan = await getProcessPlan(demoDb.db, actor, context.ids['programme.23'], '2026-01-01');
        expect(plan.planDate).toBe('2022-02-01');
        expect(plan.roles.map((r) => r.role)).toEqual(['Beslutande organ/ägare', 'Styrgrupp', 'Arbetsgrupp', 'Kommunal referensgrupp/arbetsgrupp']);
        expect(plan.milestones[0]).toMatchObject({ starts: '2022-02-22', status: 'done' });
        // The decision basis links to the plans' pages.
        expect(decision.basis.map((b) => b.href)).toEqual([null, expect.stringMatching(/^\/program\/.+\/handlingsplan\/2023$/), expect.stringMatching(/^\/program\/.+\/handlingsplan\/2024$/)]);
        // The plans the programme step recorded as adopted are linked to the decision, not adopted twice.
        expect(decision.points.map((p) => p.adopts)).toEqual([`actionPlan:${context.ids['actionPlan.23.2023']}`, `actionPlan:${context.ids['actionPlan.23.2024']}`]);
        const links = (await getCase(demoDb.db, actor, theCase.id)).links.filter((l) => l.kind === 'actionPlan').map((l) => l.id);
        expect(links.sort()).toEqual([context.ids['actionPlan.23.2023'], context.ids['actionPlan.23.2024']].sort());
        // The consultation round went to the eight municipalities and Länsstyrelsen; most have answered.
        const round = await demoDb.db.selectFrom('consultations').select('programme_version_id').where('id', '=', context.ids['consultation.23']).executeTakeFirstOrThrow();
        expect(round.programme_version_id).toBe(context.ids['programmeVersion.23.consultation']);
        const answers = await demoDb.db.selectFrom('consultation_answers').select('organisation_id').where('consultation_id', '=', context.ids['consultation.23']).where('status', '=', 'submitted').execute();
        expect(answers).toHaveLength(7);
        expect(answers.map((a) => a.organisation_id)).not.toContain('kommun-2380');
      }
    } finally {
      await demoDb.close();
    }
  });
});

describe('process plans', () => {
  it('computes late from date and status', () => {
    expect(milestoneStatus({ starts: '2022-02-22', ends: null, precision: 'day', done: true }, '2030-01-01')).toBe('done');
    expect(milestoneStatus({ starts: '2022-02-22', ends: null, precision: 'day', done: false }, '2022-02-22')).toBe('planned');
    expect(milestoneStatus({ starts: '2022-02-22', ends: null, precision: 'day', done: false }, '2022-02-23')).toBe('late');
    // A month runs to its last day; a range to the end of its last month.
    expect(milestoneStatus({ starts: '2022-11-01', ends: null, precision: 'month', done: false }, '2022-11-30')).toBe('planned');
    expect(milestoneStatus({ starts: '2022-11-01', ends: '2023-02-01', precision: 'month', done: false }, '2023-02-28')).toBe('planned');
    expect(milestoneStatus({ starts: '2022-11-01', ends: '2023-02-01', precision: 'month', done: false }, '2023-03-01')).toBe('late');
  });

  it('is saved by the region with optimistic locking, read by the county and exported to Word', async () => {
    const { programmeId } = await programmeWithPlans(2030);
    const input = {
      title: 'Processplan',
      planDate: '2022-02-01',
      caseId: null,
      roles: [{ role: 'Styrgrupp', who: 'Presidiet', task: 'Styr processen' }],
      milestones: [
        { starts: '2022-02-22', ends: null, precision: 'day' as const, title: 'Start', decidedBy: 'Nämnden', done: true },
        { starts: '2022-11-01', ends: null, precision: 'month' as const, title: 'Remissversion', decidedBy: 'Nämnden', done: false }
      ]
    };
    await expectError(saveProcessPlan(db.db, municipality, programmeId, input), 403);
    await expectError(saveProcessPlan(db.db, otherRegion, programmeId, input), 403);
    const saved = await saveProcessPlan(db.db, region, programmeId, input);
    await expectError(saveProcessPlan(db.db, region, programmeId, input), 409, 'cases.error.planExists');
    await saveProcessPlan(db.db, region, programmeId, { ...input, title: 'Processplan 2' }, saved.version);
    await expectError(saveProcessPlan(db.db, region, programmeId, input, saved.version), 409, 'error.conflict');
    const plan = await getProcessPlan(db.db, municipality, programmeId, '2023-01-01');
    expect(processPlanApiView(plan)).toEqual({
      roles: [{ role: 'Styrgrupp', who: 'Presidiet', task: 'Styr processen' }],
      milestones: [
        { date: '2022-02-22', until: null, precision: 'day', title: 'Start', decidedBy: 'Nämnden', status: 'done' },
        { date: '2022-11-01', until: null, precision: 'month', title: 'Remissversion', decidedBy: 'Nämnden', status: 'late' }
      ]
    });
    await expectError(getProcessPlan(db.db, agency, programmeId), 403);
    await expectError(getProcessPlan(db.db, otherRegion, programmeId), 403);
    await expectError(getProcessPlan(db.db, null, programmeId), 401);
    await expectError(getProcessPlan(db.db, region, '00000000-0000-0000-0000-000000000000'), 404);
    const paragraphs = await docxParagraphs(await renderDocx({ title: plan.title, blocks: processPlanBlocks(plan, 'sv') }));
    expect(paragraphs).toEqual(expect.arrayContaining(['Processplan 2', 'Tidplan', '22 februari 2022', 'november 2022', 'Försenad', 'Klar', 'Organisation', 'Styrgrupp', 'Presidiet', 'Styr processen']));
  });
});

describe('form shapes', () => {
  it('turn numbered rows and repeated checkboxes into the schemas, dropping blank rows', async () => {
    const { decisionFromForm, decisionInputSchema } = await import('./decisions');
    const { processPlanFromForm } = await import('./process-plan');
    const { answerFromForm, answerSchema } = await import('./consultations');
    const decision = decisionInputSchema.parse(
      decisionFromForm({
        title: 'T',
        date: '2023-10-24',
        makerKind: 'delegate',
        maker: 'Regional utvecklingsdirektör',
        delegation: 'D',
        'points.0.text': 'Ett',
        'points.0.adopts': '',
        'points.1.text': '',
        'points.2.text': 'Tre',
        'points.2.adopts': 'actionPlan:abc',
        'basis.0.label': 'Protokoll',
        'basis.1.label': '  ',
        basisDocuments: ['d1', 'd2'],
        basisRecords: 'actionPlan:abc',
        distribution: ['kommun-2380', 'tillvaxtverket']
      })
    );
    expect(decision.points).toEqual([
      { text: 'Ett', adopts: null },
      { text: 'Tre', adopts: 'actionPlan:abc' }
    ]);
    expect(decision.basis.map((b) => [b.documentId ?? b.record ?? b.label])).toEqual([['d1'], ['d2'], ['actionPlan:abc'], ['Protokoll']]);
    expect(decision.distribution).toEqual(['kommun-2380', 'tillvaxtverket']);
    const plan = processPlanFromForm({
      title: 'P',
      planDate: '2022-02-01',
      'roles.0.role': 'Styrgrupp',
      'roles.0.who': 'Presidiet',
      'roles.0.task': 'Styr',
      'roles.1.role': '',
      'roles.1.who': '',
      'roles.1.task': '',
      'milestones.0.starts': '2022-11',
      'milestones.0.precision': 'month',
      'milestones.0.title': 'Remiss',
      'milestones.0.done': 'true',
      'milestones.1.starts': '',
      'milestones.1.title': ''
    }) as { roles: unknown[]; milestones: { starts: string; done: boolean }[] };
    expect(plan.roles).toHaveLength(1);
    expect(plan.milestones).toEqual([expect.objectContaining({ starts: '2022-11-01', done: true, precision: 'month' })]);
    const answer = answerSchema.parse(answerFromForm({ generalComment: ' Bra ', 'comments.1': 'Ett', 'comments.2': '', intent: 'submit', version: '3' }));
    expect(answer).toEqual({ generalComment: 'Bra', comments: { '1': 'Ett', '2': '' }, submit: true, version: 3 });
    expect(answerSchema.parse(answerFromForm({ intent: 'draft' })).submit).toBe(false);
  });
});

describe('authorization of every write', () => {
  it('refuses the other county’s region, municipalities, Länsstyrelsen, Tillväxtverket, readers and the public', async () => {
    const lansstyrelsen = await createActor(db.db, 'lansstyrelsen-23', 'admin');
    const [c] = await listCases(db.db, region, { diaryNumber: 'RUN/536/2021' });
    const { id: decisionId } = await createDecision(db.db, region, c.id, decisionInput({ title: 'Behörighetsprov' }));
    const { programmeId } = await programmeWithPlans(2040);
    const plan = { title: 'P', planDate: '2022-02-01', caseId: null, roles: [], milestones: [] };
    const view = await getCase(db.db, region, c.id);
    const writes: [string, (actor: Actor | null) => Promise<unknown>][] = [
      ['createCase', (a) => createCase(db.db, a, { diaryNumber: '', title: 'x', opened: '2022-01-01', unit: null, caseOfficerId: null, programmeId: null })],
      ['updateCase', (a) => updateCase(db.db, a, c.id, { version: view.version, title: 'x', unit: null, caseOfficerId: null, status: 'open' })],
      ['addDocument', (a) => addDocument(db.db, a, c.id, { title: 'x', public: true, name: 'x.pdf', bytes: PDF })],
      ['createDecision', (a) => createDecision(db.db, a, c.id, decisionInput())],
      ['updateDecision', (a) => updateDecision(db.db, a, decisionId, 1, decisionInput())],
      ['signDecision', (a) => signDecision(db.db, a, decisionId, 1)],
      ['saveProcessPlan', (a) => saveProcessPlan(db.db, a, programmeId, plan)],
      ['proposeDiaryNumber', (a) => proposeDiaryNumber(db.db, a, 2024)]
    ];
    // Opening a case writes in the actor's own diary: the other county's region may do that, in its county.
    const ownDiary = new Set(['createCase', 'proposeDiaryNumber']);
    for (const [name, write] of writes) {
      for (const actor of [otherRegion, municipality, lansstyrelsen, agency, regionReader].filter((a) => !(ownDiary.has(name) && a === otherRegion))) {
        const error = await write(actor).then(
          () => undefined,
          (e: unknown) => e
        );
        expect(error, `${name} by ${actor.organisation.id}/${actor.role}`).toBeInstanceOf(DomainError);
        expect((error as DomainError).status, `${name} by ${actor.organisation.id}/${actor.role}`).toBe(403);
      }
      await expectError(write(null), 401);
    }
    // Nothing of that happened.
    const d = await getDecision(db.db, region, decisionId);
    expect([d.signed, d.version, d.title]).toEqual([false, 1, 'Behörighetsprov']);
    expect((await getCase(db.db, region, c.id)).version).toBe(view.version);
  });
});
