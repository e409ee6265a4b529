import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { docxParagraphs } from '../documents/inspect';
import { countCharacters } from '$lib/reporting/count';
import { loadTemplate } from './template';
import {
  answerHistory,
  FACT_PROVIDERS,
  getReport,
  listSubmitted,
  questionAcross,
  reopenReport,
  reportFacts,
  saveAnswer,
  saveAnswers,
  setReady,
  submitReport
} from './service';
import { exportReport } from './document';
import { demo } from './demo';
import { parseYear, plainYear, reportJson, reportJsonSchema } from './api';

let database: TestDatabase;
let editor: Actor;
let editor2: Actor;
let admin: Actor;
let reader23: Actor;
let municipality: Actor;
let lansstyrelsen: Actor;
let otherRegion: Actor;
let agency: Actor;

const YEAR = 2024;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  editor = await createActor(db, 'region-23', 'editor');
  editor2 = await createActor(db, 'region-23', 'editor');
  admin = await createActor(db, 'region-23', 'admin');
  reader23 = await createActor(db, 'region-23', 'reader');
  municipality = await createActor(db, 'kommun-2380', 'editor');
  lansstyrelsen = await createActor(db, 'lansstyrelsen-23', 'editor');
  otherRegion = await createActor(db, 'region-01', 'editor');
  agency = await createActor(db, 'tillvaxtverket', 'admin');
}, 60_000);

afterAll(async () => {
  await database?.close();
});

async function expectError(promise: Promise<unknown>, status: number): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(status);
    return error as DomainError;
  }
  throw new Error(`expected a ${status}`);
}

describe('API paths', () => {
  it('reads "2024" and "2024.docx" and nothing else as a year', () => {
    expect(parseYear('2024')).toEqual({ year: 2024, docx: false });
    expect(parseYear('2024.docx')).toEqual({ year: 2024, docx: true });
    for (const bad of ['24', '2024.pdf', '2024x', '', '1999.docx.docx']) expect(() => parseYear(bad)).toThrow(DomainError);
    expect(() => plainYear('2024.docx')).toThrow(DomainError);
  });
});

describe('the 2024 template', () => {
  it('is loaded as data with six sections, their limits, instructions and questions', async () => {
    const template = await loadTemplate(database.db, 2024);
    expect(template.sections.map((s) => [s.number, s.title, s.limit, s.range])).toEqual([
      [1, 'Likvärdiga möjligheter till boende, arbete och välfärd', 11000, '1.1–1.5'],
      [2, 'Kompetensförsörjning och kompetensutveckling', 15000, '2.1–2.7'],
      [3, 'Innovation och förnyelse samt entreprenörskap och företagande', 15000, '3.1–3.5'],
      [4, 'Tillgänglighet genom digital kommunikation och transportsystemet', 11000, '4.1–4.5'],
      [5, 'Anslag 1:1 Regionala utvecklingsåtgärder', 8000, '5.1–5.3'],
      [6, 'Analys, uppföljning och utvärdering', 5000, '6.1–6.3']
    ]);
    const numbers = template.sections.flatMap((s) => s.questions.map((q) => q.number));
    expect(numbers).toEqual([
      '1.1', '1.2', '1.3', '1.4', '1.5',
      '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7',
      '3.1', '3.2', '3.3', '3.4', '3.5',
      '4.1', '4.2', '4.3', '4.4', '4.5',
      '5.1a', '5.1b', '5.1c', '5.1d', '5.2', '5.3',
      '6.1', '6.2', '6.3'
    ]);
    const five = template.sections[4];
    expect(five.instructions).toEqual(['Beskriv genomgående i frågorna 5.1–5.3 eventuella utmaningar och framgångsfaktorer i genomförandet.']);
    expect(five.questions.slice(0, 4).map((q) => [q.kind, q.choices, q.required])).toEqual([
      ['choice', ['yes', 'no'], true],
      ['choice', ['yes', 'no'], true],
      ['choice', ['yes', 'no'], true],
      ['choice', ['yes', 'no', 'na'], true]
    ]);
    expect(five.questions[0].lead).toBe('5.1 Har anslaget bidragit till att nå målen i:');
    expect(five.questions[3].conditionalText).toMatch(/^Om ja, beskriv hur anslaget har bidragit/);
    expect(template.sections[1].instructions[0]).toContain('frågorna 2.1–2.5 vilka aktörer');
    expect(template.sections[1].questions[6].kind).toBe('effects');
    expect(template.sections[0].questions[4].text).toContain('uppföljning, utvärdering eller egen bedömning');
  });

  it('has no template for a year nobody loaded', async () => {
    await expectError(loadTemplate(database.db, 1999), 404);
  });
});

describe('saving answers', () => {
  it('accepts a section exactly at its limit and refuses one character more (section 6: 5 000)', async () => {
    const { db } = database;
    const a = await saveAnswer(db, editor, '23', YEAR, '6.1', { text: 'x'.repeat(3000), version: 0 });
    expect(a.version).toBe(1);
    expect(a.counts[6]).toBe(3000);
    // 2 000 more with a line break that must not count, and a decomposed "å" that counts once.
    const exact = 'y'.repeat(1998) + '\n' + 'a\u030a';
    expect(countCharacters(exact)).toBe(1999);
    const b = await saveAnswer(db, editor, '23', YEAR, '6.2', { text: exact + 'z', version: 0 });
    expect(b.counts[6]).toBe(5000);
    const error = await expectError(saveAnswer(db, editor, '23', YEAR, '6.3', { text: '!', version: 0 }), 400);
    expect(error.messageKey).toBe('reporting.error.sectionOverLimit');
    expect(error.params).toEqual({ section: 6, count: 5001, limit: 5000 });
    expect(error.fields).toEqual({ text: 'reporting.error.overLimitField' });
    // Nothing was saved by the refused request.
    const report = await getReport(db, editor, '23', YEAR);
    expect(report.answers['6.3'].version).toBe(0);
    expect(report.counts[6]).toBe(5000);
    // Shortening is always possible, even for a section already at the limit.
    const c = await saveAnswer(db, editor, '23', YEAR, '6.1', { text: 'x'.repeat(2999), version: 1 });
    expect(c.counts[6]).toBe(4999);
    const d = await saveAnswer(db, editor, '23', YEAR, '6.3', { text: '!', version: 0 });
    expect(d.counts[6]).toBe(5000);
  });

  it('refuses a stale version with 409 and the saved text, so nobody overwrites silently', async () => {
    const { db } = database;
    const first = await saveAnswer(db, editor, '23', YEAR, '1.1', { text: 'Första versionen.', version: 0 });
    await saveAnswer(db, editor2, '23', YEAR, '1.1', { text: 'Den andras version.', version: first.version });
    const error = await expectError(saveAnswer(db, editor, '23', YEAR, '1.1', { text: 'Min ändring.', version: first.version }), 409);
    expect(error.details?.current).toMatchObject({ text: 'Den andras version.', version: 2 });
    // Choosing one's own text: save again against the version now known.
    const mine = await saveAnswer(db, editor, '23', YEAR, '1.1', { text: 'Min ändring.', version: 2 });
    expect(mine.version).toBe(3);
  });

  it('keeps every version with who and when, and a word diff to the one before', async () => {
    const history = await answerHistory(database.db, reader23, '23', YEAR, '1.1');
    expect(history.map((h) => h.version)).toEqual([3, 2, 1]);
    expect(history[0].savedBy).toBe(editor.user.name);
    expect(history[1].savedBy).toBe(editor2.user.name);
    expect(history[0].diff).toEqual([
      { kind: 'removed', text: 'Den andras version.' },
      { kind: 'added', text: 'Min ändring.' }
    ]);
    expect(history[2].diff).toEqual([{ kind: 'added', text: 'Första versionen.' }]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity', '=', 'resultReportAnswer').where('entity_id', '=', '23/2024/1.1').execute();
    expect(audit).toHaveLength(3);
  });

  it('validates choices and bases against the question', async () => {
    const { db } = database;
    await expectError(saveAnswer(db, editor, '23', YEAR, '5.1a', { text: '', choice: 'na', version: 0 }), 400);
    await expectError(saveAnswer(db, editor, '23', YEAR, '1.1', { text: 'x', choice: 'yes', version: 3 }), 400);
    await expectError(saveAnswer(db, editor, '23', YEAR, '1.1', { text: 'x', basis: 'utvardering', version: 3 }), 400);
    await expectError(saveAnswer(db, editor, '23', YEAR, '9.9', { text: 'x', version: 0 }), 404);
    const ok = await saveAnswer(db, editor, '23', YEAR, '1.5', { text: 'Effekter.', basis: 'egen_bedomning', version: 0 });
    expect(ok.version).toBe(1);
  });

  it('saves a whole section at once, versioning only what changed', async () => {
    const { db } = database;
    const result = await saveAnswers(db, editor, '23', YEAR, [
      { question: '1.1', text: 'Min ändring.', version: 3 },
      { question: '1.2', text: 'Hållbarhet.', version: 0 }
    ]);
    expect(result.versions).toEqual({ '1.1': 3, '1.2': 1 });
  });
});

describe('who may do what', () => {
  it('lets the region edit, and nobody else', async () => {
    const { db } = database;
    for (const actor of [municipality, lansstyrelsen, otherRegion, agency, reader23]) {
      await expectError(saveAnswer(db, actor, '23', YEAR, '2.1', { text: 'x', version: 0 }), 403);
    }
    await expectError(saveAnswer(db, null, '23', YEAR, '2.1', { text: 'x', version: 0 }), 401);
    await expectError(submitReport(db, municipality, '23', YEAR), 403);
  });

  it('shows a draft only within the county: other counties and Tillväxtverket get 403, the public 401', async () => {
    const { db } = database;
    expect((await getReport(db, municipality, '23', YEAR)).canEdit).toBe(false);
    expect((await getReport(db, lansstyrelsen, '23', YEAR)).status).toBe('draft');
    await expectError(getReport(db, otherRegion, '23', YEAR), 403);
    await expectError(getReport(db, agency, '23', YEAR), 403);
    await expectError(getReport(db, null, '23', YEAR), 401);
    await expectError(answerHistory(db, agency, '23', YEAR, '1.1'), 403);
    await expectError(getReport(db, editor, '23', 1999), 404);
    await expectError(listSubmitted(db, editor, YEAR), 403);
  });
});

describe('workflow', () => {
  it('refuses submission while a section is over its limit or a required choice is missing, listing each', async () => {
    const { db } = database;
    const error = await expectError(submitReport(db, editor, '23', YEAR), 400);
    const problems = error.details?.problems as { kind: string; question?: string }[];
    expect(problems.filter((p) => p.kind === 'choiceMissing').map((p) => p.question)).toEqual(['5.1a', '5.1b', '5.1c', '5.1d']);
    expect(Object.keys(error.fields ?? {})).toContain('question-5.1a');
    // A section over its limit (only possible if the template's limit was lowered after saving) also blocks.
    await db.updateTable('report_template_sections').set({ char_limit: 4000 }).where('template_year', '=', YEAR).where('number', '=', 6).execute();
    try {
      const again = await expectError(submitReport(db, editor, '23', YEAR), 400);
      expect(again.details?.problems).toContainEqual({ kind: 'overLimit', section: 6, count: 5000, limit: 4000 });
      // Shortening is taken even while the section is still over; growing is not.
      const report = await getReport(db, editor, '23', YEAR);
      const shorter = await saveAnswer(db, editor, '23', YEAR, '6.1', { text: 'x'.repeat(2500), version: report.answers['6.1'].version });
      expect(shorter.counts[6]).toBe(4501);
      await expectError(saveAnswer(db, editor, '23', YEAR, '6.1', { text: 'x'.repeat(2501), version: shorter.version }), 400);
    } finally {
      await db.updateTable('report_template_sections').set({ char_limit: 5000 }).where('template_year', '=', YEAR).where('number', '=', 6).execute();
    }
    const restored = await getReport(db, editor, '23', YEAR);
    expect((await saveAnswer(db, editor, '23', YEAR, '6.1', { text: 'x'.repeat(2999), version: restored.answers['6.1'].version })).counts[6]).toBe(5000);
  });

  it('goes draft → ready → submitted, locks, shows Tillväxtverket, and reopens only by an admin with a reason', async () => {
    const { db } = database;
    for (const [q, choice] of [['5.1a', 'yes'], ['5.1b', 'yes'], ['5.1c', 'no'], ['5.1d', 'na']] as const) {
      await saveAnswer(db, editor, '23', YEAR, q, { text: `Svar ${q}.`, choice, version: 0 });
    }
    expect(await setReady(db, editor, '23', YEAR, true)).toBe('ready');
    await expectError(getReport(db, agency, '23', YEAR), 403);
    expect(await submitReport(db, editor, '23', YEAR)).toEqual({ status: 'submitted' });
    await expectError(saveAnswer(db, editor, '23', YEAR, '2.1', { text: 'sent', version: 0 }), 409);
    await expectError(submitReport(db, editor, '23', YEAR), 409);

    const seen = await getReport(db, agency, '23', YEAR);
    expect(seen.status).toBe('submitted');
    expect(seen.canEdit).toBe(false);
    expect(seen.answers['5.1d']).toMatchObject({ choice: 'na', text: 'Svar 5.1d.' });
    const list = await listSubmitted(db, agency, YEAR);
    expect(list).toHaveLength(21);
    expect(list.find((r) => r.countyCode === '23')?.status).toBe('submitted');
    expect(list.find((r) => r.countyCode === '01')?.status).toBe('notSubmitted');
    const across = await questionAcross(db, agency, YEAR, '5.1c');
    expect(across).toEqual([expect.objectContaining({ countyCode: '23', answer: expect.objectContaining({ choice: 'no', text: 'Svar 5.1c.' }) })]);
    await expectError(getReport(db, otherRegion, '23', YEAR), 403);

    await expectError(reopenReport(db, editor, '23', YEAR, { reason: 'Fel siffra' }), 403);
    await expectError(reopenReport(db, agency, '23', YEAR, { reason: 'Fel siffra' }), 403);
    expect(await reopenReport(db, admin, '23', YEAR, { reason: 'Fel siffra i 5.2' })).toEqual({ status: 'draft' });
    const reopened = await getReport(db, editor, '23', YEAR);
    expect(reopened.canEdit).toBe(true);
    expect(reopened.events.map((e) => [e.from, e.to, e.reason])).toEqual([
      ['draft', 'ready', null],
      ['ready', 'submitted', null],
      ['submitted', 'draft', 'Fel siffra i 5.2']
    ]);
    const audit = await db.selectFrom('audit_log').select(['action', 'after']).where('entity', '=', 'resultReport').where('action', '=', 'reopen').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ reason: 'Fel siffra i 5.2' });
    await expectError(getReport(db, agency, '23', YEAR), 403);
    await expectError(reopenReport(db, admin, '23', YEAR, { reason: 'igen' }), 409);
  });
});

describe('facts at hand', () => {
  it('passes every fact from the real providers through, grouped by section', async () => {
    const { db } = database;
    const expected = (await Promise.all(FACT_PROVIDERS.map(([, p]) => p(db, '23', YEAR)))).flat();
    const bySection = await reportFacts(db, editor, '23', YEAR);
    expect(Object.values(bySection).flat()).toEqual(expected);
  });

  it('shows a provided fact beside its section and survives a failing provider', async () => {
    const fact = { id: 'test.fact', section: 5, label: 'Landsbygdspotten: beviljade', text: 'Elva ansökningar beviljades.', source: 'test' };
    const facts = await reportFacts(database.db, editor, '23', YEAR, [
      ['ok', async () => [fact]],
      ['broken', async () => Promise.reject(new Error('boom'))]
    ]);
    expect(facts).toEqual({ 5: [fact] });
    await expectError(reportFacts(database.db, agency, '23', YEAR), 403);
  });
});

describe('the demo report and its Word export', () => {
  it('exports every section title, every question and ☒/☐ for 5.1', async () => {
    const fresh = await createTestDatabase();
    try {
      const { db } = fresh;
      const users: Record<string, string> = {};
      const regionEditor = await createActor(db, 'region-23', 'editor');
      users['region@demo.rsp'] = regionEditor.user.id;
      await demo(db, { users, ids: {} });
      const report = await getReport(db, regionEditor, '23', YEAR);
      expect(report.problems).toEqual([]);
      // The API's shape: every question present, choice only on choice questions, basis only on effects.
      const json = reportJsonSchema.parse(reportJson(report));
      expect(json.answers['5.1d']).toEqual({ text: report.answers['5.1d'].text, choice: 'na', version: 1 });
      expect(json.answers['1.5']).toEqual({ text: report.answers['1.5'].text, basis: 'egen_bedomning', version: 1 });
      expect(json.answers['4.1']).toEqual({ text: '', version: 0 });
      expect(Object.keys(json.answers)).toHaveLength(31);
      expect(json.counts['5']).toBe(report.counts[5]);
      expect(['5.1a', '5.1b', '5.1c', '5.1d'].map((q) => report.answers[q].choice)).toEqual(['yes', 'yes', 'yes', 'na']);
      const { buffer, filename } = await exportReport(db, regionEditor, '23', YEAR);
      expect(filename).toBe('Resultatredovisning 2024 Jämtlands län.docx');
      const paragraphs = await docxParagraphs(buffer);
      const text = paragraphs.join('\n');
      for (const section of report.template.sections) {
        expect(paragraphs).toContain(`${section.number}. ${section.title}`);
        expect(text).toContain(`Antal tecken i avsnittet: ${new Intl.NumberFormat('sv-SE').format(report.counts[section.number])} av`);
        for (const q of section.questions) expect(text).toContain(q.text);
      }
      expect(paragraphs.filter((p) => p === 'Ja ☒')).toHaveLength(3);
      expect(paragraphs.filter((p) => p === 'Nej ☐')).toHaveLength(4);
      expect(paragraphs).toContain('Ja ☐');
      expect(paragraphs).toContain('Ej aktuellt ☒');
      expect(text).toContain('Observera! Maximalt antal tecken inklusive blanksteg för frågorna 5.1–5.3 är sammantaget 8');
      expect(await submitReport(db, regionEditor, '23', YEAR)).toEqual({ status: 'submitted' });
    } finally {
      await fresh.close();
    }
  });
});
