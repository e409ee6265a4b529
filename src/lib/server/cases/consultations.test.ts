import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/database';
import { createTestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { emptyContent } from '../programmes/core';
import { renderDocx } from '../documents/docx';
import { docxParagraphs } from '../documents/inspect';
import { consultationSummary, createConsultation, getConsultation, listConsultations, openAnswerFile, recordReminder, saveAnswer, summaryBlocks } from './consultations';

let db: TestDatabase;
let region: Actor;
let regionReader: Actor;
let otherRegion: Actor;
let ostersund: Actor;
let ostersundReader: Actor;
let stromsund: Actor;
let berg: Actor;
let lansstyrelsen: Actor;
let agency: Actor;
let versionId: string;

const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

async function expectError(promise: Promise<unknown>, status: number, messageKey?: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  if (messageKey) expect((error as DomainError).messageKey).toBe(messageKey);
}

beforeAll(async () => {
  db = await createTestDatabase();
  region = await createActor(db.db, 'region-23', 'editor');
  regionReader = await createActor(db.db, 'region-23', 'reader');
  otherRegion = await createActor(db.db, 'region-22', 'editor');
  ostersund = await createActor(db.db, 'kommun-2380', 'editor');
  ostersundReader = await createActor(db.db, 'kommun-2380', 'reader');
  stromsund = await createActor(db.db, 'kommun-2313', 'editor');
  berg = await createActor(db.db, 'kommun-2326', 'editor');
  lansstyrelsen = await createActor(db.db, 'lansstyrelsen-23', 'editor');
  agency = await createActor(db.db, 'tillvaxtverket', 'admin');
  const programme = await db.db
    .insertInto('programmes')
    .values({ county_code: '23', organisation_id: 'region-23', period_start: 2023, period_end: 2030, title: 'Regionalt serviceprogram Jämtland Härjedalen 2023–2030' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db.db
    .insertInto('programme_versions')
    .values({ programme_id: programme.id, number: 1, status: 'consultation', content: JSON.stringify({ ...emptyContent(), background: 'Bakgrund.' }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  versionId = version.id;
});
afterAll(async () => {
  await db?.close();
});

const input = () => ({
  title: 'Remiss av serviceprogrammet',
  versionId,
  sentOn: '2022-11-30',
  deadline: '2023-02-28',
  recipients: ['kommun-2380', 'kommun-2313', 'kommun-2326', 'lansstyrelsen-23'],
  caseId: null
});

describe('consultation rounds', () => {
  let id: string;

  it('are sent by the region of the county, with the chapters of the chosen version', async () => {
    for (const actor of [ostersund, lansstyrelsen, agency, otherRegion, regionReader]) await expectError(createConsultation(db.db, actor, input()), 403);
    await expectError(createConsultation(db.db, null, input()), 401);
    await expectError(createConsultation(db.db, region, { ...input(), recipients: ['kommun-2260'] }), 400);
    await expectError(createConsultation(db.db, region, { ...input(), versionId: '00000000-0000-0000-0000-000000000000' }), 400);
    ({ id } = await createConsultation(db.db, region, input()));
    const view = await getConsultation(db.db, region, id, '2023-01-15');
    expect(view.chapters.length).toBeGreaterThan(2);
    expect(view.chapters[0].title).toBeTruthy();
    // Municipalities first, by name, then the others.
    expect(view.recipients?.map((r) => [r.organisationId, r.state])).toEqual([
      ['kommun-2326', 'waiting'],
      ['kommun-2313', 'waiting'],
      ['kommun-2380', 'waiting'],
      ['lansstyrelsen-23', 'waiting']
    ]);
  });

  it('are seen by their recipients, who answer for their own organisation; a sent answer is locked', async () => {
    expect((await listConsultations(db.db, ostersund, '2023-01-15')).toUs.map((k) => [k.id, k.state])).toEqual([[id, 'waiting']]);
    expect((await listConsultations(db.db, agency)).toUs).toEqual([]);
    await expectError(getConsultation(db.db, agency, id), 403);
    await expectError(getConsultation(db.db, otherRegion, id), 403);
    await expectError(getConsultation(db.db, null, id), 401);
    const view = await getConsultation(db.db, ostersund, id);
    expect(view.recipients).toBeNull();
    expect(view.canAnswer).toBe(true);
    expect((await getConsultation(db.db, ostersundReader, id)).canAnswer).toBe(false);
    await expectError(saveAnswer(db.db, ostersundReader, id, { generalComment: 'x', comments: {}, submit: false }), 403);
    await expectError(saveAnswer(db.db, agency, id, { generalComment: 'x', comments: {}, submit: false }), 403);
    await expectError(saveAnswer(db.db, otherRegion, id, { generalComment: 'x', comments: {}, submit: false }), 403);
    await expectError(saveAnswer(db.db, null, id, { generalComment: 'x', comments: {}, submit: false }), 401);
    // An empty answer cannot be sent; a comment on a chapter that does not exist is refused.
    await expectError(saveAnswer(db.db, ostersund, id, { generalComment: '', comments: {}, submit: true }), 400, 'cases.error.emptyAnswer');
    await expectError(saveAnswer(db.db, ostersund, id, { generalComment: 'x', comments: { '99': 'nej' }, submit: false }), 400);
    const draft = await saveAnswer(db.db, ostersund, id, { generalComment: 'Utkast', comments: { '1': 'Om bakgrunden' }, submit: false });
    expect(draft.status).toBe('draft');
    await expectError(saveAnswer(db.db, ostersund, id, { generalComment: 'Gammalt', comments: {}, submit: false, version: draft.version + 5 }), 409, 'error.conflict');
    // A wrong attachment type stores nothing, not even the text.
    const files = Number((await db.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    await expectError(saveAnswer(db.db, ostersund, id, { generalComment: 'Med fel bilaga', comments: {}, submit: true }, { name: 'svar.pdf', bytes: new TextEncoder().encode('MZ not a pdf') }), 415);
    expect(Number((await db.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(files);
    expect((await getConsultation(db.db, ostersund, id)).myAnswer?.generalComment).toBe('Utkast');
    const sent = await saveAnswer(db.db, ostersund, id, { generalComment: 'Östersund tillstyrker.', comments: { '1': 'Bakgrunden är bra.', '2': 'Analysen saknar fjällen.' }, submit: true, version: draft.version }, { name: 'svar.pdf', bytes: PDF });
    expect(sent.status).toBe('submitted');
    expect(sent.file?.name).toBe('svar.pdf');
    await expectError(saveAnswer(db.db, ostersund, id, { generalComment: 'Ändrat', comments: {}, submit: true }), 409, 'cases.error.answerLocked');
    expect((await getConsultation(db.db, ostersund, id)).canAnswer).toBe(false);
    await saveAnswer(db.db, lansstyrelsen, id, { generalComment: 'Länsstyrelsen instämmer.', comments: { '2': 'Lägg till kartor.' }, submit: true });
    await saveAnswer(db.db, berg, id, { generalComment: 'Utkast från Berg', comments: {}, submit: false });
  });

  it('lets the region follow who has answered, who is late, and record reminders', async () => {
    const view = await getConsultation(db.db, region, id, '2023-03-01');
    const states = Object.fromEntries(view.recipients!.map((r) => [r.organisationId, r.state]));
    expect(states).toEqual({ 'kommun-2380': 'answered', 'lansstyrelsen-23': 'answered', 'kommun-2313': 'late', 'kommun-2326': 'late' });
    expect(Object.fromEntries((await getConsultation(db.db, region, id, '2023-01-01')).recipients!.map((r) => [r.organisationId, r.state]))['kommun-2326']).toBe('draft');
    await recordReminder(db.db, region, id, 'kommun-2313');
    await recordReminder(db.db, region, id, 'kommun-2313');
    const reminded = (await getConsultation(db.db, region, id)).recipients!.find((r) => r.organisationId === 'kommun-2313')!;
    expect(reminded.reminders).toBe(2);
    expect(reminded.lastReminder).toBeInstanceOf(Date);
    await expectError(recordReminder(db.db, region, id, 'kommun-2380'), 409);
    await expectError(recordReminder(db.db, region, id, 'kommun-2303'), 400);
    for (const actor of [regionReader, ostersund, otherRegion, agency]) await expectError(recordReminder(db.db, actor, id, 'kommun-2313'), 403);
    expect((await listConsultations(db.db, region)).ours.map((k) => [k.answered, k.total])).toEqual([[2, 4]]);
  });

  it('compiles the submitted answers per chapter, on the page and in Word, for the region only', async () => {
    const summary = await consultationSummary(db.db, region, id);
    expect(summary.answered).toBe(2);
    expect(summary.general).toEqual([
      { organisation: 'Länsstyrelsen Jämtlands län', text: 'Länsstyrelsen instämmer.' },
      { organisation: 'Östersunds kommun', text: 'Östersund tillstyrker.' }
    ]);
    expect(summary.chapters[1].comments).toEqual([
      { organisation: 'Länsstyrelsen Jämtlands län', text: 'Lägg till kartor.' },
      { organisation: 'Östersunds kommun', text: 'Analysen saknar fjällen.' }
    ]);
    // A draft is not part of the summary.
    expect(JSON.stringify(summary)).not.toContain('Utkast från Berg');
    expect(summary.attachments).toEqual([{ organisationId: 'kommun-2380', organisation: 'Östersunds kommun', name: 'svar.pdf' }]);
    expect((await openAnswerFile(db.db, region, id, 'kommun-2380')).name).toBe('svar.pdf');
    expect((await openAnswerFile(db.db, ostersund, id, 'kommun-2380')).name).toBe('svar.pdf');
    await expectError(openAnswerFile(db.db, stromsund, id, 'kommun-2380'), 403);
    await expectError(openAnswerFile(db.db, agency, id, 'kommun-2380'), 403);
    for (const actor of [ostersund, lansstyrelsen, otherRegion, agency]) await expectError(consultationSummary(db.db, actor, id), 403);
    await expectError(consultationSummary(db.db, null, id), 401);
    const paragraphs = await docxParagraphs(await renderDocx({ title: summary.title, blocks: summaryBlocks(summary, 'sv') }));
    const at = (text: string) => paragraphs.indexOf(text);
    expect(at('Allmänna synpunkter')).toBeGreaterThan(0);
    expect(at('Östersund tillstyrker.')).toBeGreaterThan(at('Allmänna synpunkter'));
    expect(at(summary.chapters[1].title)).toBeGreaterThan(at('Östersund tillstyrker.'));
    expect(at('Analysen saknar fjällen.')).toBeGreaterThan(at(summary.chapters[1].title));
  });
});
