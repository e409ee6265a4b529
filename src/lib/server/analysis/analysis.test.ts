import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { DomainError } from '../errors';
import { createActor } from '../testing/actors';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { SHARED_DATA, sharedDataAvailable } from '../testing/shared-data';
import { getJob, runQueuedJobs, recoverInterruptedJobs, enqueueJob, registerJobKind, startJobRunner, wakeJobs } from '../jobs';
import { seedDemoCounty } from './demo';
import { TEST_VILLAGE_STORE } from './demo-data';
import { accessibility, evaluateScenario, squaresGeoJson } from './service';
import { closePoint, createPoint, decideProposal, getPoint, listPoints, listProposals, proposeChange, updatePoint } from './register';
import { getScenario, listScenarios, saveScenario, updateScenario } from './scenarios';
import { getDataset, listDatasets, makeCurrent, startImport } from './datasets';
import { municipalityBoundaries, servicePointsNear, storeAccessFacts } from './facts';
import { forgetStates } from './state';
import { scenarioExport, accessibilityExport } from './exports';
import { xlsxSheets } from '../documents/inspect';
import { bindGoal, listGoals, unbindGoal } from './indicators';
import { measuredValues } from '../programmes/measures';

let database: TestDatabase;
let db: Db;
let region: Actor;
let regionReader: Actor;
let otherRegion: Actor;
let ostersund: Actor;
let agency: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.transaction().execute(async (trx) => {
    await seedDemoCounty(trx as unknown as Db);
  });
  forgetStates();
  region = await createActor(db, 'region-23', 'editor');
  regionReader = await createActor(db, 'region-23', 'reader');
  otherRegion = await createActor(db, 'region-01', 'editor');
  ostersund = await createActor(db, 'kommun-2380', 'editor');
  agency = await createActor(db, 'tillvaxtverket', 'reader');
});
afterAll(async () => {
  await database?.close();
});

const store = async () => (await listPoints(db, region, { area: '23', q: 'Lillsjöby' })).find((p) => p.name === TEST_VILLAGE_STORE)!;

describe('accessibility on the demo county', () => {
  it('gives population by distance band for the county and each municipality', async () => {
    const view = await accessibility(db, region, { area: '23', serviceType: 'grocery' });
    expect(view.dataset.year).toBe(2025);
    expect(view.dataset.generatedDemo).toBe(true);
    expect(view.bands.map((b) => [b.fromKm, b.toKm])).toEqual([[0, 2], [2, 5], [5, 10], [10, 20], [20, null]]);
    const total = view.bands.reduce((s, b) => s + b.population, 0) + view.unreachablePopulation;
    expect(total).toBe(view.population);
    expect(view.population).toBeGreaterThan(110_000);
    expect(view.population).toBeLessThan(150_000);
    expect(view.municipalities.map((m) => m.code)).toEqual(['2303', '2305', '2309', '2313', '2321', '2326', '2361', '2380']);
    expect(view.municipalities.reduce((s, m) => s + m.population, 0)).toBe(view.population);
    expect(view.medianKm).toBeGreaterThanOrEqual(0);
    const muni = await accessibility(db, agency, { area: '2380', serviceType: 'grocery' });
    expect(muni.area.name).toContain('Östersund');
    expect(muni.municipalities).toHaveLength(1);
  });

  it('refuses the public and other counties, and unknown areas', async () => {
    await expect(accessibility(db, null, { area: '23', serviceType: 'grocery' })).rejects.toMatchObject({ status: 401 });
    await expect(accessibility(db, otherRegion, { area: '23', serviceType: 'grocery' })).rejects.toMatchObject({ status: 403 });
    await expect(accessibility(db, region, { area: '9999', serviceType: 'grocery' })).rejects.toMatchObject({ status: 400 });
    await expect(accessibility(db, otherRegion, { area: '01', serviceType: 'grocery' })).rejects.toMatchObject({ status: 404 });
  });

  it('closing the village store pushes its people beyond 10 km', async () => {
    const point = await store();
    const result = await evaluateScenario(db, region, { area: '23', serviceType: 'grocery', close: [point.id], add: [] });
    expect(result.after.beyond10Km).toBeGreaterThan(result.before.beyond10Km + 100);
    expect(result.changedSquares.length).toBeGreaterThan(0);
    expect(result.changedSquares.every((s) => (s.afterKm ?? Infinity) >= (s.beforeKm ?? 0))).toBe(true);
    expect(result.closed).toEqual([{ id: point.id, name: TEST_VILLAGE_STORE }]);
    // Adding a store back at the same place restores the figures.
    const back = await evaluateScenario(db, region, { area: '23', serviceType: 'grocery', close: [point.id], add: [{ lon: point.lon, lat: point.lat, types: ['grocery'] }] });
    expect(back.after.bands).toEqual(back.before.bands);
    await expect(evaluateScenario(db, region, { area: '23', serviceType: 'grocery', close: ['nope'], add: [] })).rejects.toMatchObject({ status: 400, fields: { 'close.0': 'analysis.error.unknownPoint' } });
  });

  it('suppresses small square populations in the GeoJSON', async () => {
    const fc = await squaresGeoJson(db, region, { area: '23', serviceType: 'grocery' });
    const pops = fc.features.map((f) => f.properties.population as number | null);
    expect(pops.some((p) => p === null)).toBe(true);
    expect(pops.every((p) => p === null || p === 0 || p >= 5)).toBe(true);
  });

  it('knows the facts of a store for grants, the points near a place and the boundaries', async () => {
    const point = await store();
    const facts = await storeAccessFacts(db, point.id);
    expect(facts).not.toBeNull();
    expect(facts!.serviceType).toBe('grocery');
    expect(facts!.distanceToNextKm!).toBeGreaterThan(10);
    expect(facts!.dependentPopulation).toBeGreaterThan(300);
    const near = await servicePointsNear(db, point.lon, point.lat, 2);
    expect(near[0].id).toBe(point.id);
    const b = await municipalityBoundaries(db, '23');
    expect(b!.features).toHaveLength(8);
    expect(await municipalityBoundaries(db, '01')).toBeNull();
  });
});

describe('the service point register', () => {
  it('lets the region add, move, retype and close a point, each audited, with optimistic locking', async () => {
    const created = await createPoint(db, region, '23', { name: 'Ny testbutik', types: ['grocery'], fullAssortment: true, lon: 14.7, lat: 63.2 });
    expect(created.types).toEqual(['grocery_full', 'grocery']);
    expect(created.municipalityCode).toBe('2380');
    const moved = await updatePoint(db, region, created.id, { version: created.version, name: 'Ny testbutik', types: ['grocery', 'parcel'], fullAssortment: false, lon: 14.71, lat: 63.21 });
    expect(moved.types).toEqual(['grocery', 'parcel']);
    expect(moved.attributes.full_assortment).toBe(false);
    await expect(updatePoint(db, region, created.id, { version: created.version, name: 'X', types: ['fuel'], lon: 14.7, lat: 63.2 })).rejects.toMatchObject({ status: 409 });
    const closed = await closePoint(db, region, created.id, { version: moved.version, closedFrom: '2020-01-01' });
    expect(closed.open).toBe(false);
    const audit = await db.selectFrom('audit_log').select('action').where('entity', '=', 'servicePoint').where('entity_id', '=', created.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'move', 'close']);
    const view = await getPoint(db, region, created.id);
    expect(view.canEdit).toBe(true);
  });

  it('refuses edits by another county, readers and municipality editors', async () => {
    const point = await store();
    const input = { version: point.version, name: point.name, types: point.types as never, lon: point.lon, lat: point.lat };
    await expect(updatePoint(db, otherRegion, point.id, input)).rejects.toMatchObject({ status: 403 });
    await expect(updatePoint(db, regionReader, point.id, input)).rejects.toMatchObject({ status: 403 });
    await expect(updatePoint(db, ostersund, point.id, input)).rejects.toMatchObject({ status: 403 });
    await expect(createPoint(db, null, '23', { ...input })).rejects.toMatchObject({ status: 401 });
  });

  it('lets a municipality editor propose a change in their municipality that the region accepts', async () => {
    const [point] = await listPoints(db, ostersund, { area: '2380', q: 'Stormarknad Centrum' });
    const proposal = await proposeChange(db, ostersund, { kind: 'close', pointId: point.id, close: { version: point.version, closedFrom: '2030-06-01' }, note: 'Butiken har sagt upp lokalen' });
    expect(proposal.status).toBe('pending');
    const lillsjo = await store();
    await expect(proposeChange(db, ostersund, { kind: 'close', pointId: lillsjo.id, close: { version: lillsjo.version, closedFrom: '2030-06-01' }, note: '' })).rejects.toMatchObject({ status: 403 });
    await expect(decideProposal(db, ostersund, proposal.id, { decision: 'accept', version: proposal.version, note: '' })).rejects.toMatchObject({ status: 403 });
    expect((await listProposals(db, region, '23', 'pending')).map((p) => p.id)).toContain(proposal.id);
    const decided = await decideProposal(db, region, proposal.id, { decision: 'accept', version: proposal.version, note: 'Stämmer' });
    expect(decided.status).toBe('accepted');
    const after = await getPoint(db, region, point.id);
    expect(after.closedFrom).toBe('2030-06-01');
    expect(after.open).toBe(true);
    await expect(decideProposal(db, region, proposal.id, { decision: 'reject', version: decided.version, note: '' })).rejects.toMatchObject({ status: 409 });
  });
});

describe('scenarios', () => {
  it('are saved with name and note, reopened as they were, and exported', async () => {
    const point = await store();
    const saved = await saveScenario(db, region, { area: '23', serviceType: 'grocery', close: [point.id], add: [], name: 'Lanthandeln stänger', note: 'Ägaren går i pension' });
    expect(saved.saved.after.beyond10Km).toBeGreaterThan(saved.saved.before.beyond10Km);
    const reopened = await getScenario(db, regionReader, saved.id);
    expect(reopened.name).toBe('Lanthandeln stänger');
    expect(reopened.close).toEqual([point.id]);
    expect((await listScenarios(db, region, '23')).map((s) => s.id)).toContain(saved.id);
    await expect(saveScenario(db, regionReader, { area: '23', serviceType: 'grocery', close: [], add: [], name: 'x', note: '' })).rejects.toMatchObject({ status: 403 });
    const xlsx = await scenarioExport(db, region, saved.id, 'xlsx');
    const sheets = await xlsxSheets(xlsx.body as Buffer);
    expect(JSON.stringify(sheets)).toContain('Lanthandeln stänger');
    expect(JSON.stringify(sheets)).toContain(TEST_VILLAGE_STORE);
    const csv = await scenarioExport(db, region, saved.id, 'csv');
    expect(String(csv.body)).toContain('10');
    const geo = JSON.parse(String((await scenarioExport(db, region, saved.id, 'geojson')).body));
    expect(geo.features.length).toBeGreaterThan(0);
    expect(geo.features.every((f: { properties: { population: number | null } }) => f.properties.population === null || f.properties.population >= 5 || f.properties.population === 0)).toBe(true);
    const renamed = await updateScenario(db, region, saved.id, { version: saved.version, name: 'Lanthandeln stänger 2026', note: '' });
    expect(renamed.name).toBe('Lanthandeln stänger 2026');
    await expect(updateScenario(db, region, saved.id, { version: saved.version, name: 'Gammal', note: '' })).rejects.toMatchObject({ status: 409 });
    const table = await accessibilityExport(db, region, { area: '23', serviceType: 'grocery' }, 'xlsx');
    expect(JSON.stringify(await xlsxSheets(table.body as Buffer))).toContain('Östersund');
  });
});

describe('data set imports', () => {
  it('fails a broken file with a clear message and leaves the current data set in use', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rsp-analysis-'));
    const before = (await listDatasets(db, region, '23')).find((d) => d.kind === 'population' && d.status === 'current')!;
    const { datasetId, jobId } = await startImport(db, region, '23', { kind: 'population', year: 2026, name: 'Trasig fil', path: undefined }, { name: 'rutor.csv', bytes: new TextEncoder().encode('rutid,beftotalt\n3940006133000,12\nabc,xyz\n') });
    void dir;
    await runQueuedJobs(db);
    const job = await getJob(db, jobId);
    expect(job!.status).toBe('failed');
    expect(job!.error).toMatch(/^rutor\.csv:3: "abc" is not an SCB square id/);
    const ds = await getDataset(db, region, datasetId);
    expect(ds.status).toBe('failed');
    const after = (await listDatasets(db, region, '23')).find((d) => d.kind === 'population' && d.status === 'current')!;
    expect(after.id).toBe(before.id);
    const view = await accessibility(db, region, { area: '23', serviceType: 'grocery' });
    expect(view.dataset.population.id).toBe(before.id);
  });

  it('refuses imports by others and paths outside the import folders', async () => {
    await expect(startImport(db, ostersund, '23', { kind: 'boundaries', year: 2025, name: 'x', path: '/etc/passwd.geojson' })).rejects.toMatchObject({ status: 403 });
    await expect(startImport(db, region, '23', { kind: 'boundaries', year: 2025, name: 'x', path: '/etc/hostname' })).rejects.toMatchObject({ status: 400 });
    const dir = mkdtempSync(path.join(tmpdir(), 'rsp-outside-'));
    writeFileSync(path.join(dir, 'a.geojson'), '{}');
    await expect(startImport(db, region, '23', { kind: 'boundaries', year: 2025, name: 'x', path: path.join(dir, 'a.geojson') })).rejects.toBeInstanceOf(DomainError);
  });

  it('imports the real municipality boundaries as a data set, inspected then made current', async () => {
    if (!sharedDataAvailable('swedish_municipalities.geojson')) return;
    const { datasetId } = await startImport(db, region, '23', { kind: 'boundaries', year: 2025, name: 'Kommungränser (Valmyndigheten)', path: path.join(SHARED_DATA, 'swedish_municipalities.geojson') });
    await runQueuedJobs(db);
    const ds = await getDataset(db, region, datasetId);
    expect(ds.status).toBe('ready');
    expect(ds.summary.municipalities).toBe(8);
    expect(ds.job!.log.some((l) => /another county/.test(l.text))).toBe(true);
    expect(ds.sample.map((s) => s.municipality_code)).toEqual(['2303', '2305', '2309', '2313', '2321', '2326', '2361', '2380']);
    const current = await makeCurrent(db, region, datasetId, { version: ds.version });
    expect(current.status).toBe('current');
    const b = await municipalityBoundaries(db, '23');
    expect(b!.features.find((f) => f.properties.code === '2380')!.properties.name).toMatch(/Östersund/);
    await expect(makeCurrent(db, region, datasetId, { version: ds.version })).rejects.toMatchObject({ status: 409 });
  });

  it('imports the Andorra OSM extract as a road network through the import job', async () => {
    if (!sharedDataAvailable('osm/andorra.osm.pbf')) return;
    const { datasetId, jobId } = await startImport(db, region, '23', { kind: 'network', year: 2025, name: 'Andorra (test)', path: path.join(SHARED_DATA, 'osm/andorra.osm.pbf') });
    await runQueuedJobs(db);
    const job = await getJob(db, jobId);
    expect(job!.error).toBeNull();
    expect(job!.status).toBe('succeeded');
    const ds = await getDataset(db, region, datasetId);
    expect(ds.status).toBe('ready');
    expect(Number(ds.summary.nodes)).toBeGreaterThan(10_000);
    expect(Number(ds.summary.totalLengthKm)).toBeGreaterThan(100);
    // Not made current: the county keeps computing on its own network.
    const view = await accessibility(db, region, { area: '23', serviceType: 'grocery' });
    expect(view.dataset.network.id).not.toBe(datasetId);
  });
});

describe('the job runner', () => {
  it('re-queues an interrupted restartable job, and the in-process runner finishes it with progress and log', async () => {
    let runs = 0;
    registerJobKind('test.restartable', {
      restartable: true,
      async run(ctx) {
        runs += 1;
        await ctx.progress(0.5, 'halfway');
        await ctx.log('did the work');
        return { runs };
      }
    });
    const id = await enqueueJob(db, { kind: 'test.restartable', payload: { n: 1 } });
    await db.updateTable('jobs').set({ status: 'running', attempts: 1 }).where('id', '=', id).execute();
    const { requeued } = await recoverInterruptedJobs(db, { all: true });
    expect(requeued).toContain(id);
    const runner = startJobRunner(database, { pollMs: 50 });
    wakeJobs();
    for (let i = 0; i < 100 && (await getJob(db, id))!.status !== 'succeeded'; i++) await new Promise((r) => setTimeout(r, 50));
    await runner.stop();
    const job = (await getJob(db, id))!;
    expect(job.status).toBe('succeeded');
    expect(job.progress).toBe(1);
    expect(job.result).toEqual({ runs: 1 });
    expect(job.log.map((l) => l.text)).toEqual(expect.arrayContaining(['interrupted (the server stopped); started again', 'did the work']));
  });

  it('re-queues an interrupted restartable job and fails others with a message', async () => {
    const id = await enqueueJob(db, { kind: 'test.unknown' });
    await db.updateTable('jobs').set({ status: 'running' }).where('id', '=', id).execute();
    const { failed } = await recoverInterruptedJobs(db, { all: true });
    expect(failed).toContain(id);
    const job = await getJob(db, id);
    expect(job!.status).toBe('failed');
    expect(job!.error).toMatch(/interrupted/);
  });
});

describe('indicators from the analysis', () => {
  it('binds an action plan goal to a measure and gives the follow-up its value, source and date', async () => {
    const programme = await db.insertInto('programmes').values({ county_code: '23', organisation_id: 'region-23', period_start: 2040, period_end: 2047, title: 'Testprogram' }).returning('id').executeTakeFirstOrThrow();
    const plan = await db.insertInto('action_plans').values({ programme_id: programme.id, year: 2025 }).returning('id').executeTakeFirstOrThrow();
    const intervention = await db.insertInto('action_plan_interventions').values({ plan_id: plan.id, position: 1, title: 'Stöd till lanthandlar' }).returning('id').executeTakeFirstOrThrow();
    const goal = await db.insertInto('action_plan_goals').values({ intervention_id: intervention.id, position: 1, indicator: 'Andel inom 10 km till fullsortiment', unit: '%', target: 95 }).returning('id').executeTakeFirstOrThrow();
    const other = await db.insertInto('action_plan_goals').values({ intervention_id: intervention.id, position: 2, indicator: 'Andel 70+ inom 7 km', unit: '%', target: 80 }).returning('id').executeTakeFirstOrThrow();
    await expect(bindGoal(db, otherRegion, goal.id, { area: '23', serviceType: 'grocery_full', measure: 'shareWithinKm', km: 10 })).rejects.toMatchObject({ status: 403 });
    await expect(bindGoal(db, region, goal.id, { area: '0180', serviceType: 'grocery_full', measure: 'shareWithinKm', km: 10 })).rejects.toMatchObject({ status: 400 });
    await bindGoal(db, region, goal.id, { area: '23', serviceType: 'grocery_full', measure: 'shareWithinKm', km: 10 });
    await bindGoal(db, region, other.id, { area: '2380', serviceType: 'grocery', measure: 'share70WithinKm', km: 7 });
    const values = await measuredValues(db, [goal.id, other.id], 2025);
    const view = await accessibility(db, region, { area: '23', serviceType: 'grocery_full' });
    expect(values.get(goal.id)!.value).toBeCloseTo(view.shareWithin10Km! * 100, 1);
    expect(values.get(goal.id)!.unit).toBe('%');
    expect(values.get(goal.id)!.source).toContain('Serviceanalys');
    expect(values.get(goal.id)!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(values.get(other.id)!.value).toBeGreaterThan(0);
    expect(values.get(other.id)!.value).toBeLessThanOrEqual(100);
    const goals = await listGoals(db, region, '23');
    expect(goals.find((g) => g.goalId === goal.id)!.binding!.measure).toBe('shareWithinKm');
    await unbindGoal(db, region, other.id);
    expect((await measuredValues(db, [other.id], 2025)).size).toBe(0);
  });
});
