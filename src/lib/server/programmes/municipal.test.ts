import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import type { Actor } from '../auth/actor';
import { parseInput } from '../validation';
import { getMunicipalPlan, listMunicipalPlans, saveMunicipalPlan } from './municipal';
import { addMeeting, getMeeting, listNetworks, updateMeeting } from './networks';
import { municipalPlanSchema, updateMeetingSchema } from './schemas';
import { contentFromForm, contentToForm, followUpFromForm, interventionFromForm, municipalFromForm, numberField } from './forms';
import { emptyContent } from './core';

let database: TestDatabase;
const a: Record<string, Actor> = {};
let networkId: string;

const plan = (over: Record<string, unknown> = {}) =>
  parseInput(
    municipalPlanSchema,
    municipalFromForm({
      version: '0',
      title: 'Serviceplan för Strömsunds kommun',
      periodStart: '2024',
      periodEnd: '2027',
      localAnalysis: 'Långa avstånd.',
      strengths: 'Hemsändning\nEngagerade handlare',
      priorities: 'Drivmedel i väster',
      interventions: 'Handlarträffar | Två per år | Landsbygdsutvecklare | Vår och höst',
      ...over
    }),
    'sv'
  );

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  a.region = await createActor(db, 'region-23', 'editor');
  a.stromsund = await createActor(db, 'kommun-2313', 'editor');
  a.stromsundReader = await createActor(db, 'kommun-2313', 'reader');
  a.ostersund = await createActor(db, 'kommun-2380', 'editor');
  a.umea = await createActor(db, 'kommun-2480', 'editor');
  a.tvv = await createActor(db, 'tillvaxtverket', 'reader');
  const n = await db.insertInto('networks').values({ county_code: '23', convener_id: 'region-23', name: 'Service Z' }).returning('id').executeTakeFirstOrThrow();
  networkId = n.id;
  await db.insertInto('network_members').values([{ network_id: networkId, organisation_id: 'kommun-2313', role: 'Medlem' }]).execute();
});
afterAll(async () => {
  await database?.close();
});

describe('municipal service plans', () => {
  it('are edited only by their own municipality, with optimistic locking', async () => {
    const db = database.db;
    const first = await saveMunicipalPlan(db, a.stromsund, '2313', plan());
    expect(first.version).toBe(1);
    const saved = await getMunicipalPlan(db, a.stromsund, '2313');
    expect(saved).toMatchObject({ canEdit: true, swot: { strengths: ['Hemsändning', 'Engagerade handlare'] }, interventions: [{ title: 'Handlarträffar', responsible: 'Landsbygdsutvecklare', timing: 'Vår och höst' }] });
    await saveMunicipalPlan(db, a.stromsund, '2313', plan({ version: '1', title: 'Reviderad plan' }));
    await expect(saveMunicipalPlan(db, a.stromsund, '2313', plan({ version: '1' }))).rejects.toMatchObject({ status: 409 });
    for (const who of [a.ostersund, a.region, a.stromsundReader, a.tvv, a.umea]) {
      await expect(saveMunicipalPlan(db, who, '2313', plan({ version: '2' }))).rejects.toMatchObject({ status: 403 });
    }
    await expect(saveMunicipalPlan(db, null, '2313', plan({ version: '2' }))).rejects.toMatchObject({ status: 401 });
  });

  it('are read side by side by everyone in the county, not by other counties', async () => {
    const db = database.db;
    const all = await listMunicipalPlans(db, a.region);
    expect(all).toHaveLength(8);
    expect(all.find((m) => m.municipalityCode === '2313')).toMatchObject({ title: 'Reviderad plan', canEdit: false });
    expect((await listMunicipalPlans(db, a.ostersund)).find((m) => m.municipalityCode === '2380')?.canEdit).toBe(true);
    await expect(listMunicipalPlans(db, a.umea, '23')).rejects.toMatchObject({ status: 403 });
    await expect(getMunicipalPlan(db, a.umea, '2313')).rejects.toMatchObject({ status: 403 });
    await expect(getMunicipalPlan(db, a.region, '9999')).rejects.toMatchObject({ status: 404 });
  });
});

describe('the network', () => {
  it('lets the region keep meetings; members read them; others may not', async () => {
    const db = database.db;
    const { id } = await addMeeting(db, a.region, networkId, { date: '2024-05-21', place: 'Åre', agenda: '1. Laddplatser', minutes: '' });
    const [network] = await listNetworks(db, a.stromsund);
    expect(network.meetings.map((m) => m.date)).toEqual(['2024-05-21']);
    expect(network.canEdit).toBe(false);
    await expect(addMeeting(db, a.stromsund, networkId, { date: '2024-06-01', place: '', agenda: '', minutes: '' })).rejects.toMatchObject({ status: 403 });
    const input = parseInput(updateMeetingSchema, { version: 1, date: '2024-05-21', place: 'Åre', agenda: '1. Laddplatser', minutes: 'Intresset sammanställs.' }, 'sv');
    expect((await updateMeeting(db, a.region, id, input)).version).toBe(2);
    await expect(updateMeeting(db, a.region, id, input)).rejects.toMatchObject({ status: 409 });
    expect((await getMeeting(db, a.stromsund, id)).minutes).toBe('Intresset sammanställs.');
    await expect(getMeeting(db, a.umea, id)).rejects.toMatchObject({ status: 403 });
    await expect(listNetworks(db, null, '23')).rejects.toMatchObject({ status: 401 });
    expect(() => parseInput(updateMeetingSchema, { version: 2, date: '21 maj' }, 'sv')).toThrow();
  });
});

describe('form fields → the domain shapes', () => {
  it('reads Swedish numbers and keeps what is not a number for the schema to report', () => {
    expect(numberField('12 500')).toBe(12500);
    expect(numberField('3,5')).toBe(3.5);
    expect(numberField('')).toBeNull();
    expect(numberField('många')).toBe('många');
  });

  it('turns intervention, follow-up and version forms into the API shapes', () => {
    expect(
      interventionFromForm({ version: '3', title: 'T', goalCodes: ['M1', 'M2'], responsibleOrganisationIds: 'region-23', partners: 'A\n\nB', budgetSek: '1 000', 'goals.0.indicator': 'I', 'goals.0.unit': 'st', 'goals.0.target': '5', 'goals.1.indicator': '' })
    ).toMatchObject({ version: '3', goalCodes: ['M1', 'M2'], responsibleOrganisationIds: ['region-23'], partners: ['A', 'B'], budgetSek: 1000, goals: [{ indicator: 'I', unit: 'st', target: 5, baseline: null }] });
    expect(followUpFromForm({ version: '2', interventionIds: ['i1'], 'status.i1': 'delvis', goalIds: 'g1', 'outcome.g1': '4,5' })).toMatchObject({
      interventions: [{ interventionId: 'i1', status: 'delvis' }],
      outcomes: [{ goalId: 'g1', outcome: 4.5 }]
    });
    const content = { ...emptyContent(), steeringDocuments: [{ title: 'RUS', diaryNumber: 'RUN/515/2018' }], goals: [{ code: 'M1', title: 'Mål', description: 'Text', indicators: [{ name: 'Andel', unit: '%', baseline: 95.5, target: 98, targetYear: 2030 }] }] };
    expect(contentFromForm({ version: '1', ...contentToForm(content) }).content).toEqual(content);
    expect(() => contentFromForm({ version: '1', goals: 'M1 | Mål', indicators: 'M2 | Andel | % | 1 | 2 | 2030' })).toThrow();
    expect(() => contentFromForm({ version: '1', goals: 'M1 | Mål', indicators: 'M1 | Andel | % | x | 2 | 2030' })).toThrow();
  });
});
