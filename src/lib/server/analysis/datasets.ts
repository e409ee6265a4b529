import * as z from 'zod';
import { sql } from 'kysely';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MaybeActor } from '../auth/actor';
import { can } from '../auth/policy';
import type { Db, Queryable } from '../db';
import { conflict, DomainError, invalid, notFound } from '../errors';
import { recordAudit } from '../audit';
import { enqueueJob, getJob, registerJobKind, type JobContext, type JobRow } from '../jobs';
import { assertEdit, assertRead } from './access';
import { runImportInWorker, type GridSquareRead, type PointRead } from './engine';
import { pointInGeometry } from './geo';
import { forgetStates } from './state';
import { DATASET_KINDS } from './types';
import type { DatasetKind, DatasetStatus } from './tables';

/**
 * Data sets by county, kind and year. An import creates the data set in status `importing` and queues a
 * job; the job reads the file in a worker thread, writes everything in one transaction and leaves the
 * data set `ready` for inspection. Only "make current" puts it in use (the previous one is retired), so a
 * failed or unwanted import never touches the data the analysis runs on.
 */
export const IMPORT_JOB = 'analysis.import';
/** Uploads above this size should be placed in an import folder on the server and named by path. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface DatasetView {
  id: string;
  countyCode: string;
  kind: DatasetKind;
  year: number;
  name: string;
  status: DatasetStatus;
  source: string;
  generatedDemo: boolean;
  jobId: string | null;
  summary: Record<string, unknown>;
  createdAt: Date;
  madeCurrentAt: Date | null;
  version: number;
}

const COLUMNS = ['id', 'county_code', 'kind', 'year', 'name', 'status', 'source', 'generated_demo', 'job_id', 'summary', 'created_at', 'made_current_at', 'version'] as const;
type Row = { id: string; county_code: string; kind: DatasetKind; year: number; name: string; status: DatasetStatus; source: string; generated_demo: boolean; job_id: string | null; summary: unknown; created_at: Date; made_current_at: Date | null; version: number };

function toView(r: Row): DatasetView {
  return {
    id: r.id,
    countyCode: r.county_code,
    kind: r.kind,
    year: r.year,
    name: r.name,
    status: r.status,
    source: r.source,
    generatedDemo: r.generated_demo,
    jobId: r.job_id,
    summary: (r.summary ?? {}) as Record<string, unknown>,
    createdAt: r.created_at,
    madeCurrentAt: r.made_current_at,
    version: r.version
  };
}

export async function listDatasets(db: Queryable, actor: MaybeActor, countyCode: string): Promise<DatasetView[]> {
  assertRead(actor, countyCode);
  const rows = await db.selectFrom('analysis_datasets').select(COLUMNS).where('county_code', '=', countyCode).orderBy('kind').orderBy('created_at', 'desc').execute();
  return rows.map(toView);
}

export async function getDataset(db: Queryable, actor: MaybeActor, id: string): Promise<DatasetView & { job: JobRow | null; canEdit: boolean; sample: Record<string, unknown>[] }> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const r = await db.selectFrom('analysis_datasets').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  assertRead(actor, r.county_code);
  const job = r.job_id ? ((await getJob(db, r.job_id)) ?? null) : null;
  return { ...toView(r), job, canEdit: can(actor, 'county.edit', { type: 'county', countyCode: r.county_code }), sample: await sampleOf(db, r) };
}

/** A few rows of what was imported, so the user can see it is what they expected before using it. */
async function sampleOf(db: Queryable, r: Row): Promise<Record<string, unknown>[]> {
  if (r.kind === 'population') {
    return db.selectFrom('analysis_squares').select(['square_id', 'municipality_code', 'population', 'population_70plus']).where('dataset_id', '=', r.id).orderBy('population', 'desc').limit(10).execute();
  }
  if (r.kind === 'service_points') {
    const rows = await db.selectFrom('analysis_service_points').select(['name', 'types', 'municipality_code', 'lon', 'lat']).where('dataset_id', '=', r.id).orderBy('name').limit(10).execute();
    return rows.map((p) => ({ ...p, types: (p.types as string[]).join(', ') }));
  }
  if (r.kind === 'boundaries') return db.selectFrom('analysis_boundaries').select(['municipality_code', 'name']).where('dataset_id', '=', r.id).orderBy('municipality_code').execute();
  return [];
}

/** Folders a server path may point into: RSP_IMPORT_DIRS (path-separated), else data/import and ../shared/data. */
export function importDirs(env: Record<string, string | undefined> = process.env): string[] {
  const list = env.RSP_IMPORT_DIRS ? env.RSP_IMPORT_DIRS.split(path.delimiter) : ['data/import', '../shared/data'];
  return list.filter(Boolean).map((d) => path.resolve(d));
}

function checkServerPath(p: string): string {
  const resolved = path.resolve(p);
  if (!existsSync(resolved)) throw invalid({ path: 'analysis.error.pathMissing' });
  const real = realpathSync(resolved);
  const allowed = importDirs().some((d) => existsSync(d) && (real === realpathSync(d) || real.startsWith(realpathSync(d) + path.sep)));
  if (!allowed) throw invalid({ path: 'analysis.error.pathNotAllowed' });
  if (!statSync(real).isFile()) throw invalid({ path: 'analysis.error.pathMissing' });
  return real;
}

const EXTENSIONS: Record<DatasetKind, RegExp> = {
  network: /\.(osm\.pbf|pbf|osm|osm\.gz)$/i,
  population: /\.(csv|txt|tsv|gpkg)$/i,
  service_points: /\.(csv|txt|tsv|geojson|json)$/i,
  boundaries: /\.(geojson|json)$/i
};

export const importSchema = z.object({
  kind: z.enum(DATASET_KINDS, { error: 'analysis.error.kind' }),
  year: z.coerce.number({ error: 'analysis.error.year' }).int({ error: 'analysis.error.year' }).min(1990, { error: 'analysis.error.year' }).max(2100, { error: 'analysis.error.year' }),
  name: z.string({ error: 'analysis.error.datasetName' }).trim().min(1, { error: 'analysis.error.datasetName' }).max(200, { error: 'error.tooLong' }),
  path: z.string().trim().max(1000).optional().transform((v) => v || undefined)
});
export type ImportInput = z.output<typeof importSchema>;

/**
 * Starts an import from an uploaded file or a server path. The data set row, the stored upload and the
 * queued job commit together; the caller wakes the runner afterwards.
 */
export async function startImport(db: Db, actor: MaybeActor, countyCode: string, input: ImportInput, upload?: { name: string; bytes: Uint8Array }): Promise<{ datasetId: string; jobId: string }> {
  const me = assertEdit(actor, countyCode);
  const hasUpload = !!upload && upload.bytes.length > 0;
  if (!hasUpload && !input.path) throw invalid({ file: 'analysis.error.fileOrPath' });
  if (hasUpload && input.path) throw invalid({ path: 'analysis.error.fileOrPath' });
  const fileName = hasUpload ? upload!.name : input.path!;
  if (!EXTENSIONS[input.kind].test(fileName)) throw invalid({ [hasUpload ? 'file' : 'path']: `analysis.error.extension.${input.kind}` });
  if (hasUpload && upload!.bytes.length > MAX_UPLOAD_BYTES) throw new DomainError('payload_too_large', 'error.payloadTooLarge', {}, { file: 'error.payloadTooLarge' });
  const serverPath = input.path ? checkServerPath(input.path) : undefined;
  return db.transaction().execute(async (trx) => {
    const ds = await trx
      .insertInto('analysis_datasets')
      .values({
        county_code: countyCode,
        kind: input.kind,
        year: input.year,
        name: input.name,
        source: serverPath ? `server:${serverPath}` : `upload:${path.basename(upload!.name)}`,
        summary: JSON.stringify({}),
        created_by: me.user.id
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (hasUpload) await trx.insertInto('analysis_import_files').values({ dataset_id: ds.id, name: path.basename(upload!.name), bytes: Buffer.from(upload!.bytes) }).execute();
    const jobId = await enqueueJob(trx, { kind: IMPORT_JOB, payload: { datasetId: ds.id }, organisationId: me.organisation.id, createdBy: me.user.id });
    await trx.updateTable('analysis_datasets').set({ job_id: jobId }).where('id', '=', ds.id).execute();
    await recordAudit(trx, me, { action: 'import', entity: 'analysisDataset', entityId: ds.id, after: { kind: input.kind, year: input.year, name: input.name, source: serverPath ?? upload?.name, jobId } });
    return { datasetId: ds.id, jobId };
  });
}

export const makeCurrentSchema = z.object({ version: z.coerce.number().int().positive() });

/** Puts a ready (or retired) data set in use for its county and kind; the one in use before is retired. */
export async function makeCurrent(db: Db, actor: MaybeActor, id: string, input: z.output<typeof makeCurrentSchema>): Promise<DatasetView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const view = await db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('analysis_datasets').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw notFound();
    const me = assertEdit(actor, r.county_code);
    if (r.version !== input.version) throw conflict({ current: toView(r) });
    if (r.status !== 'ready' && r.status !== 'retired') throw new DomainError('conflict', 'analysis.error.notReady', {}, undefined, { current: toView(r) });
    const previous = await trx
      .updateTable('analysis_datasets')
      .set({ status: 'retired', version: sql<number>`version + 1` })
      .where('county_code', '=', r.county_code)
      .where('kind', '=', r.kind)
      .where('status', '=', 'current')
      .returning('id')
      .execute();
    const row = await trx
      .updateTable('analysis_datasets')
      .set({ status: 'current', made_current_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'makeCurrent', entity: 'analysisDataset', entityId: id, before: { status: r.status, previous: previous.map((p) => p.id) }, after: { status: 'current' } });
    return toView(row);
  });
  forgetStates();
  return view;
}

// ---------------------------------------------------------------- the import job

const CODE_KEYS = ['id', 'code', 'kommunkod', 'kom_kod', 'knkod', 'kn_kod', 'municipality_code', 'kommun_kod'];
const NAME_KEYS = ['kom_namn', 'name', 'namn', 'kommunnamn', 'knnamn', 'kn_namn', 'municipality_name'];

function prop(props: Record<string, unknown>, keys: string[]): string | undefined {
  const lower = Object.fromEntries(Object.entries(props).map(([k, v]) => [k.toLowerCase(), v]));
  for (const k of keys) {
    const v = lower[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return undefined;
}

interface Boundary {
  code: string;
  name: string;
  geometry: unknown;
}

/** Municipality boundaries from GeoJSON (WGS84): the county's features, the others skipped with a reason. */
export function parseBoundaries(text: string, countyCode: string, file: string): { boundaries: Boundary[]; skipped: Record<string, number> } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const fc = data as { type?: string; features?: unknown[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const skipped: Record<string, number> = {};
  const bump = (k: string) => (skipped[k] = (skipped[k] ?? 0) + 1);
  const byCode = new Map<string, Boundary>();
  fc.features.forEach((f, i) => {
    const feature = f as { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } };
    const props = feature?.properties ?? {};
    let code = prop(props, CODE_KEYS);
    if (code && /^\d{3}$/.test(code)) code = `0${code}`;
    if (!code || !/^\d{4}$/.test(code)) return bump('feature without a 4-digit municipality code');
    if (!code.startsWith(countyCode)) return bump('municipality of another county');
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') return bump(`feature ${i}: geometry is not a polygon`);
    if (byCode.has(code)) return bump('duplicate municipality code');
    byCode.set(code, { code, name: prop(props, NAME_KEYS) ?? code, geometry: feature.geometry });
  });
  if (byCode.size === 0) throw new Error(`${file}: no municipality of county ${countyCode} found (${fc.features.length} features read)`);
  return { boundaries: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)), skipped };
}

async function currentBoundaries(db: Queryable, countyCode: string): Promise<Boundary[]> {
  const ds = await db.selectFrom('analysis_datasets').select('id').where('county_code', '=', countyCode).where('kind', '=', 'boundaries').where('status', '=', 'current').executeTakeFirst();
  if (!ds) return [];
  const rows = await db.selectFrom('analysis_boundaries').select(['municipality_code', 'name', 'geometry']).where('dataset_id', '=', ds.id).execute();
  return rows.map((r) => ({ code: r.municipality_code, name: r.name, geometry: r.geometry }));
}

function locate(boundaries: Boundary[], lon: number, lat: number): string | null {
  return boundaries.find((b) => pointInGeometry(lon, lat, b.geometry))?.code ?? null;
}

async function chunks<T>(items: T[], size: number, fn: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await fn(items.slice(i, i + size));
}

async function clearDataset(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('analysis_network_blobs').where('dataset_id', '=', id).execute();
  await db.deleteFrom('analysis_squares').where('dataset_id', '=', id).execute();
  await db.deleteFrom('analysis_boundaries').where('dataset_id', '=', id).execute();
  await db.deleteFrom('analysis_service_points').where('dataset_id', '=', id).execute();
}

async function runImport(ctx: JobContext): Promise<unknown> {
  const { db } = ctx;
  const datasetId = String(ctx.job.payload.datasetId ?? '');
  const ds = await db.selectFrom('analysis_datasets').select(COLUMNS).where('id', '=', datasetId).executeTakeFirst();
  if (!ds) throw new Error('the data set of this job no longer exists');
  await db.updateTable('analysis_datasets').set({ status: 'importing' }).where('id', '=', ds.id).execute();
  let file: string;
  let temp: string | undefined;
  const upload = await db.selectFrom('analysis_import_files').select(['name', 'bytes']).where('dataset_id', '=', ds.id).executeTakeFirst();
  if (upload) {
    temp = path.join(tmpdir(), `rsp-import-${ds.id}-${upload.name.replace(/[^\w.-]/g, '_')}`);
    await writeFile(temp, upload.bytes);
    file = temp;
  } else file = ds.source.replace(/^server:/, '');
  const label = upload ? upload.name : file;
  await ctx.log(`reading ${label}`);
  try {
    const summary = await importKind(ctx, ds, file, label);
    await ctx.progress(1, 'done');
    return { datasetId: ds.id, summary };
  } catch (err) {
    // Readers name the file they read: show the user's file name, not our temporary copy.
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(temp ? message.split(temp).join(label) : message);
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}

async function importKind(ctx: JobContext, ds: Row, file: string, label: string): Promise<Record<string, unknown>> {
  const { db } = ctx;
  const progress = (f: number, phase: string) => void ctx.progress(f * 0.8, phase).catch(() => {});
  const finish = async (write: (trx: Db) => Promise<void>, summary: Record<string, unknown>) => {
    await ctx.progress(0.85, 'saving');
    await db.transaction().execute(async (trx) => {
      await clearDataset(trx, ds.id);
      await write(trx);
      await trx.updateTable('analysis_datasets').set({ status: 'ready', summary: JSON.stringify(summary) }).where('id', '=', ds.id).execute();
    });
  };
  const logSkipped = async (skipped: Record<string, number>) => {
    for (const [why, n] of Object.entries(skipped)) await ctx.log(`skipped ${n}: ${why}`, 'warning');
  };
  if (ds.kind === 'network') {
    const out = await runImportInWorker({ op: 'network', file }, progress);
    if (out.op !== 'network') throw new Error('unexpected worker answer');
    const stats = out.stats as { roadWays?: number; totalLengthKm?: number; skipped?: Record<string, number>; edges?: number; graphNodes?: number };
    if (!out.nodeCount) throw new Error(`${label}: no roads usable by car were found`);
    await logSkipped(stats.skipped ?? {});
    const summary = { nodes: out.nodeCount, edges: out.edgeCount, roadWays: stats.roadWays ?? null, totalLengthKm: Math.round(stats.totalLengthKm ?? 0), bytes: out.bytes.byteLength, skipped: stats.skipped ?? {} };
    await finish(async (trx) => {
      await trx.insertInto('analysis_network_blobs').values({ dataset_id: ds.id, bytes: Buffer.from(out.bytes), node_count: out.nodeCount, edge_count: out.edgeCount }).execute();
    }, summary);
    return summary;
  }
  if (ds.kind === 'population') {
    const out = await runImportInWorker({ op: 'grid', file }, progress);
    if (out.op !== 'grid') throw new Error('unexpected worker answer');
    for (const w of out.warnings) await ctx.log(w, 'warning');
    const boundaries = await currentBoundaries(db, ds.county_code);
    const skipped: Record<string, number> = {};
    const kept: (GridSquareRead & { municipality: string })[] = [];
    for (const s of out.squares) {
      let m = s.municipalityCode ?? null;
      if (!m && boundaries.length) m = locate(boundaries, s.lon, s.lat);
      if (m && !m.startsWith(ds.county_code)) {
        skipped['square in another county'] = (skipped['square in another county'] ?? 0) + 1;
        continue;
      }
      if (!m) {
        skipped['square outside every municipality of the county (no code in the file, not inside a current boundary)'] = (skipped['square outside every municipality of the county (no code in the file, not inside a current boundary)'] ?? 0) + 1;
        continue;
      }
      kept.push({ ...s, municipality: m });
    }
    await logSkipped(skipped);
    if (!kept.length) throw new Error(`${label}: no populated square of county ${ds.county_code} (${out.squares.length} read; load the county's municipality boundaries first, or give a municipality column)`);
    if (!out.has70plus) await ctx.log('the file has no 70+ column or age bands: 70+ is 0 everywhere', 'warning');
    const summary = {
      squares: kept.length,
      population: kept.reduce((s, x) => s + x.population, 0),
      population70plus: kept.reduce((s, x) => s + x.population70plus, 0),
      has70plus: out.has70plus,
      squareSize: out.size,
      skipped
    };
    await finish(async (trx) => {
      await chunks(kept, 1000, async (c) => {
        await trx
          .insertInto('analysis_squares')
          .values(c.map((s) => ({ dataset_id: ds.id, square_id: s.id, size: s.size, x: s.x, y: s.y, lon: s.lon, lat: s.lat, population: Math.round(s.population), population_70plus: Math.round(s.population70plus), municipality_code: s.municipality })))
          .execute();
      });
    }, summary);
    return summary;
  }
  if (ds.kind === 'service_points') {
    const out = await runImportInWorker({ op: 'points', file }, progress);
    if (out.op !== 'points') throw new Error('unexpected worker answer');
    const boundaries = await currentBoundaries(db, ds.county_code);
    const skipped: Record<string, number> = {};
    const kept: (PointRead & { municipality: string | null })[] = [];
    for (const p of out.points) {
      if (!p.types.length) {
        skipped['point without a known service type'] = (skipped['point without a known service type'] ?? 0) + 1;
        continue;
      }
      const m = boundaries.length ? locate(boundaries, p.lon, p.lat) : null;
      if (boundaries.length && !m) {
        skipped['point outside the county'] = (skipped['point outside the county'] ?? 0) + 1;
        continue;
      }
      kept.push({ ...p, municipality: m });
    }
    await logSkipped(skipped);
    if (!kept.length) throw new Error(`${label}: no service point in county ${ds.county_code} (${out.points.length} read)`);
    const summary = { points: kept.length, byType: Object.fromEntries(['grocery_full', 'grocery', 'fuel', 'pharmacy', 'parcel', 'cash'].map((t) => [t, kept.filter((p) => p.types.includes(t)).length])), skipped };
    await finish(async (trx) => {
      await chunks(kept, 500, async (c) => {
        await trx
          .insertInto('analysis_service_points')
          .values(c.map((p) => ({ dataset_id: ds.id, county_code: ds.county_code, municipality_code: p.municipality, external_id: p.id, name: p.name || p.id, types: JSON.stringify(p.types), lon: p.lon, lat: p.lat, attributes: JSON.stringify(p.attributes ?? {}), source: `import:${ds.id}` })))
          .execute();
      });
    }, summary);
    return summary;
  }
  // boundaries: small files, read in this thread
  const { readFile } = await import('node:fs/promises');
  await ctx.progress(0.2, 'read');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`${label}: cannot be read (${(err as Error).message})`);
  }
  const { boundaries, skipped } = parseBoundaries(text, ds.county_code, label);
  await logSkipped(skipped);
  const summary = { municipalities: boundaries.length, codes: boundaries.map((b) => b.code), skipped };
  await finish(async (trx) => {
    await trx.insertInto('analysis_boundaries').values(boundaries.map((b) => ({ dataset_id: ds.id, municipality_code: b.code, name: b.name, geometry: JSON.stringify(b.geometry) }))).execute();
  }, summary);
  return summary;
}

registerJobKind(IMPORT_JOB, {
  run: runImport,
  // Reading a file again from the start gives the same result: an interrupted import simply runs again.
  restartable: true,
  maxAttempts: 2,
  async onFailure(db, job, error) {
    const datasetId = String(job.payload.datasetId ?? '');
    if (!z.uuid().safeParse(datasetId).success) return;
    await db.transaction().execute(async (trx) => {
      await clearDataset(trx, datasetId);
      await trx
        .updateTable('analysis_datasets')
        .set({ status: 'failed', summary: JSON.stringify({ error }) })
        .where('id', '=', datasetId)
        .where('status', 'in', ['importing', 'ready'])
        .execute();
    });
  }
});
