import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import { DEMO_STEPS, type DemoContext } from '../demo';
import { demo } from './demo';
import type { Actor } from '../auth/actor';
import { docxParagraphs, xlsxSheets } from '../documents/inspect';
import { actionPlanDocx, followUpDocx, followUpXlsx } from './exports';
import { getActionPlan } from './plans';
import { getFollowUp } from './followups';
import { getProgramme, listProgrammes } from './programmes';
import { listMunicipalPlans } from './municipal';
import { listNetworks } from './networks';
import { nationalOverview } from './overview';
import { DomainError } from '../errors';

let database: TestDatabase;
const context: DemoContext = { users: {}, ids: {} };
let region: Actor;
let tvv: Actor;
let programmeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.transaction().execute(async (trx) => {
    await DEMO_STEPS[0](trx, context); // the demo accounts
    await demo(trx, context);
  });
  region = await createActor(database.db, 'region-23', 'editor');
  tvv = await createActor(database.db, 'tillvaxtverket', 'reader');
  programmeId = context.ids['programme.23'];
});
afterAll(async () => {
  await database?.close();
});

describe('the programme demo', () => {
  it('has the adopted programme, two adopted plans of 8–12 interventions, a submitted and an open follow-up', async () => {
    const db = database.db;
    const [programme] = await listProgrammes(db, region, '23');
    expect(programme).toMatchObject({ periodStart: 2023, periodEnd: 2030, status: 'adopted', adopted: { date: '2023-05-23', body: 'Regionala utvecklingsnämnden', paragraph: '§ 89' } });
    const view = await getProgramme(db, region, programmeId);
    expect(view.current.content.steeringDocuments.map((d) => d.diaryNumber)).toEqual(expect.arrayContaining(['RUN/515/2018', 'RUN/316/2024', 'RUN/430/2018']));
    for (const year of [2023, 2024]) {
      const plan = await getActionPlan(db, region, programmeId, year);
      expect(plan.status).toBe('adopted');
      expect(plan.adopted).toMatchObject({ date: '2023-10-24', delegation: 'Regionala utvecklingsnämndens beslut § 89/2023' });
      expect(plan.interventions.length).toBeGreaterThanOrEqual(8);
      expect(plan.interventions.length).toBeLessThanOrEqual(12);
      expect(plan.interventions.some((i) => i.title.includes('Resurser till genomförande av regionalt serviceprogram Jämtlands län'))).toBe(true);
    }
    expect((await getFollowUp(db, tvv, programmeId, 2023)).status).toBe('submitted');
    expect((await getFollowUp(db, region, programmeId, 2024)).status).toBe('in_progress');
    await expect(getFollowUp(db, tvv, programmeId, 2024)).rejects.toBeInstanceOf(DomainError);
    const municipal = await listMunicipalPlans(db, region, '23');
    expect(municipal.filter((m) => m.id).map((m) => m.municipalityName).sort()).toEqual(['Strömsunds kommun', 'Östersunds kommun']);
    const [network] = await listNetworks(db, region, '23');
    expect(network.name).toBe('Service Z');
    expect(network.members).toHaveLength(10);
    expect(network.meetings.length).toBeGreaterThanOrEqual(3);
    const overview = await nationalOverview(db, tvv, 2023);
    expect(overview.rows.find((r) => r.countyCode === '23')?.followUp.state).toBe('submitted');
  });

  it('exports the 2024 plan as Word with every intervention and indicator', async () => {
    const plan = await getActionPlan(database.db, region, programmeId, 2024);
    const { buffer, filename } = await actionPlanDocx(database.db, region, programmeId, 2024);
    expect(filename).toBe('Handlingsplan 2024.docx');
    const text = (await docxParagraphs(buffer)).join('\n');
    expect(text).toContain('Handlingsplan 2024 för Regionalt serviceprogram Jämtland Härjedalen 2023–2030');
    expect(text).toContain('genom delegation enligt Regionala utvecklingsnämndens beslut § 89/2023');
    for (const i of plan.interventions) {
      expect(text).toContain(`${i.position}. ${i.title}`);
      for (const g of i.goals) expect(text).toContain(g.indicator);
    }
  });

  it('exports the 2023 follow-up as Word and as Excel (one row per intervention and indicator, target beside outcome)', async () => {
    const f = await getFollowUp(database.db, tvv, programmeId, 2023);
    const docx = await followUpDocx(database.db, tvv, programmeId, 2023);
    const text = (await docxParagraphs(docx.buffer)).join('\n');
    expect(text).toContain('Inlämnad till Tillväxtverket 2024-03-27');
    for (const i of f.interventions) {
      expect(text).toContain(`${i.position}. ${i.title}`);
      for (const g of i.goals) expect(text).toContain(g.indicator);
    }
    const sheets = await xlsxSheets((await followUpXlsx(database.db, tvv, programmeId, 2023)).buffer);
    const [header, ...rows] = sheets['Uppföljning 2023'];
    expect(header).toEqual(['Nr', 'Insats', 'Status', 'Ansvarig', 'Budget (kr)', 'Indikator', 'Enhet', 'Utgångsvärde', 'Målvärde', 'Måldatum', 'Utfall', 'Kommentar om utfallet', 'Kommentar om insatsen']);
    const expected = f.interventions.flatMap((i) => i.goals.map((g) => [i.title, g.indicator, g.target, g.outcome]));
    expect(rows.map((r) => [r[1], r[5], r[8], r[10]])).toEqual(expected);
    expect(rows.length).toBe(f.goalCount);
    expect(sheets['Sammanfattning'].flat()).toContain(f.summary);
  });

  it('does not export a follow-up to users who may not read it', async () => {
    const other = await createActor(database.db, 'region-24', 'editor');
    await expect(followUpXlsx(database.db, other, programmeId, 2023)).rejects.toMatchObject({ status: 403 });
    await expect(followUpDocx(database.db, tvv, programmeId, 2024)).rejects.toMatchObject({ status: 403 });
    await expect(actionPlanDocx(database.db, null, programmeId, 2024)).rejects.toMatchObject({ status: 401 });
  });
});
