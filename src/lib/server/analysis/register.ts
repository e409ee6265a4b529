import * as z from 'zod';
import { sql } from 'kysely';
import type { Actor, MaybeActor } from '../auth/actor';
import { can } from '../auth/policy';
import type { Db, Queryable } from '../db';
import { conflict, DomainError, invalid, notFound } from '../errors';
import { recordAudit } from '../audit';
import { assertEdit, assertPropose, assertRead, resolveArea } from './access';
import { pointInGeometry } from './geo';
import { currentDatasets } from './state';
import { areaSchema, serviceTypeSchema } from './types';
import type { FeatureCollection } from './service';

/**
 * The service point register: the points of the county's current service point data set. Every change
 * is audited with the point before and after; edits use optimistic locking (version). Region editors
 * change points directly; a municipality's editors file proposals that a region editor accepts (which
 * applies the change, in the same transaction) or rejects.
 */
export interface ServicePointView {
  id: string;
  name: string;
  types: string[];
  lon: number;
  lat: number;
  municipalityCode: string | null;
  municipalityName: string | null;
  countyCode: string;
  attributes: Record<string, string | number | boolean>;
  closedFrom: string | null;
  /** Open today (no closing date, or one in the future). */
  open: boolean;
  source: string;
  externalId: string | null;
  updatedAt: Date;
  version: number;
  datasetId: string;
}

const BASE_TYPES = ['grocery', 'fuel', 'pharmacy', 'parcel', 'cash'] as const;
const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === '1', z.boolean());
const typesField = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(serviceTypeSchema).min(1, { error: 'analysis.error.types' })
);
const coordinate = (min: number, max: number, key: 'analysis.error.lon' | 'analysis.error.lat') =>
  z.preprocess((v) => (typeof v === 'string' ? v.trim().replace(',', '.') : v), z.coerce.number({ error: key }).min(min, { error: key }).max(max, { error: key }));

export const pointSchema = z.object({
  name: z.string({ error: 'analysis.error.pointName' }).trim().min(1, { error: 'analysis.error.pointName' }).max(200, { error: 'error.tooLong' }),
  types: typesField,
  fullAssortment: checkbox.optional(),
  stateFunded: checkbox.optional(),
  lon: coordinate(10, 25, 'analysis.error.lon'),
  lat: coordinate(55, 70, 'analysis.error.lat'),
  note: z.string().trim().max(1000, { error: 'error.tooLong' }).optional()
});
export type PointInput = z.output<typeof pointSchema>;

export const createPointSchema = pointSchema.extend({ county: z.string().regex(/^\d{2}$/, { error: 'analysis.error.area' }) });
export const updatePointSchema = pointSchema.extend({ version: z.coerce.number().int().positive() });
export const closePointSchema = z.object({
  version: z.coerce.number().int().positive(),
  closedFrom: z.union([z.literal(''), z.null(), z.iso.date({ error: 'analysis.error.date' })]).transform((v) => v || null)
});

/** Types as stored: "full assortment" is the grocery_full type, which implies grocery. */
function normaliseTypes(input: PointInput): string[] {
  const set = new Set<string>(input.types.filter((t) => t !== 'grocery_full'));
  if (input.types.includes('grocery_full')) set.add('grocery');
  if (input.fullAssortment && set.has('grocery')) set.add('grocery_full');
  if (input.fullAssortment && !set.has('grocery')) throw invalid({ fullAssortment: 'analysis.error.fullAssortmentNeedsGrocery' });
  return ['grocery_full', ...BASE_TYPES].filter((t) => set.has(t));
}

function attributesOf(input: PointInput, before: Record<string, string | number | boolean> = {}): Record<string, string | number | boolean> {
  const types = normaliseTypes(input);
  const out: Record<string, string | number | boolean> = { ...before };
  if (types.includes('grocery')) out.full_assortment = types.includes('grocery_full');
  else delete out.full_assortment;
  if (input.stateFunded) out.state_funded = true;
  else delete out.state_funded;
  if (input.note) out.note = input.note;
  else delete out.note;
  return out;
}

type PointRecord = {
  id: string;
  dataset_id: string;
  county_code: string;
  municipality_code: string | null;
  external_id: string | null;
  name: string;
  types: unknown;
  lon: number;
  lat: number;
  attributes: unknown;
  closed_from: string | null;
  source: string;
  updated_at: Date;
  version: number;
};
const POINT_COLUMNS = ['id', 'dataset_id', 'county_code', 'municipality_code', 'external_id', 'name', 'types', 'lon', 'lat', 'attributes', 'closed_from', 'source', 'updated_at', 'version'] as const;

function toView(r: PointRecord, names: Map<string, string>, today: string): ServicePointView {
  return {
    id: r.id,
    name: r.name,
    types: r.types as string[],
    lon: r.lon,
    lat: r.lat,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_code ? (names.get(r.municipality_code) ?? null) : null,
    countyCode: r.county_code,
    attributes: (r.attributes ?? {}) as Record<string, string | number | boolean>,
    closedFrom: r.closed_from,
    open: !r.closed_from || r.closed_from > today,
    source: r.source,
    externalId: r.external_id,
    updatedAt: r.updated_at,
    version: r.version,
    datasetId: r.dataset_id
  };
}

async function today(db: Queryable): Promise<string> {
  const { rows } = await sql<{ d: string }>`select current_date::text as d`.execute(db);
  return rows[0].d;
}

async function names(db: Queryable, countyCode: string) {
  const rows = await db.selectFrom('municipalities').select(['code', 'name']).where('county_code', '=', countyCode).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The municipality a location lies in, from the current boundary data set (null without one). */
export async function municipalityAt(db: Queryable, countyCode: string, lon: number, lat: number): Promise<string | null> {
  const ds = await currentDatasets(db, countyCode);
  if (!ds.boundaries) return null;
  const rows = await db.selectFrom('analysis_boundaries').select(['municipality_code', 'geometry']).where('dataset_id', '=', ds.boundaries.id).execute();
  return rows.find((r) => pointInGeometry(lon, lat, r.geometry))?.municipality_code ?? null;
}

export const listPointsQuery = z.object({
  area: areaSchema,
  type: serviceTypeSchema.optional().or(z.literal('').transform(() => undefined)),
  status: z.enum(['open', 'closed', 'all']).optional().or(z.literal('').transform(() => undefined)),
  q: z.string().trim().max(100).optional()
});

export async function listPoints(db: Queryable, actor: MaybeActor, input: z.output<typeof listPointsQuery>): Promise<ServicePointView[]> {
  const area = await resolveArea(db, input.area);
  assertRead(actor, area.countyCode);
  const ds = await currentDatasets(db, area.countyCode);
  if (!ds.service_points) return [];
  let query = db.selectFrom('analysis_service_points').select(POINT_COLUMNS).where('dataset_id', '=', ds.service_points.id);
  if (area.level === 'municipality') query = query.where('municipality_code', '=', area.code);
  if (input.type) query = query.where(sql<boolean>`types ? ${input.type}`);
  if (input.q) query = query.where('name', 'ilike', `%${input.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const rows = await query.orderBy('name').orderBy('id').execute();
  const d = await today(db);
  const n = await names(db, area.countyCode);
  const views = rows.map((r) => toView(r, n, d));
  if (input.status === 'open') return views.filter((v) => v.open);
  if (input.status === 'closed') return views.filter((v) => !v.open);
  return views;
}

async function pointRecord(db: Queryable, id: string, lock = false): Promise<PointRecord> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  let q = db.selectFrom('analysis_service_points').select(POINT_COLUMNS).where('id', '=', id);
  if (lock) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function getPoint(db: Queryable, actor: MaybeActor, id: string): Promise<ServicePointView & { canEdit: boolean; canPropose: boolean }> {
  const r = await pointRecord(db, id);
  assertRead(actor, r.county_code);
  const view = toView(r, await names(db, r.county_code), await today(db));
  return {
    ...view,
    canEdit: can(actor, 'county.edit', { type: 'county', countyCode: r.county_code }),
    canPropose: !!r.municipality_code && can(actor, 'municipality.edit', { type: 'municipality', municipalityCode: r.municipality_code, countyCode: r.county_code })
  };
}

const auditView = (r: PointRecord) => ({ name: r.name, types: r.types, lon: r.lon, lat: r.lat, attributes: r.attributes, closedFrom: r.closed_from, version: r.version });

async function insertPoint(trx: Db, actor: Actor, countyCode: string, input: PointInput, source: string): Promise<PointRecord> {
  const ds = await currentDatasets(trx, countyCode);
  if (!ds.service_points) throw new DomainError('bad_request', 'analysis.error.noPointDataset');
  const row = await trx
    .insertInto('analysis_service_points')
    .values({
      dataset_id: ds.service_points.id,
      county_code: countyCode,
      municipality_code: await municipalityAt(trx, countyCode, input.lon, input.lat),
      name: input.name,
      types: JSON.stringify(normaliseTypes(input)),
      lon: input.lon,
      lat: input.lat,
      attributes: JSON.stringify(attributesOf(input)),
      source
    })
    .returning(POINT_COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(trx, actor, { action: 'create', entity: 'servicePoint', entityId: row.id, after: auditView(row) });
  return row;
}

export async function createPoint(db: Db, actor: MaybeActor, countyCode: string, input: PointInput): Promise<ServicePointView> {
  const me = assertEdit(actor, countyCode);
  return db.transaction().execute(async (trx) => {
    const row = await insertPoint(trx, me, countyCode, input, `manual:${me.organisation.id}`);
    return toView(row, await names(trx, countyCode), await today(trx));
  });
}

async function applyUpdate(trx: Db, actor: Actor, before: PointRecord, input: PointInput & { version: number }): Promise<PointRecord> {
  if (before.version !== input.version) throw conflict({ current: auditView(before) });
  const moved = before.lon !== input.lon || before.lat !== input.lat;
  const row = await trx
    .updateTable('analysis_service_points')
    .set({
      name: input.name,
      types: JSON.stringify(normaliseTypes(input)),
      lon: input.lon,
      lat: input.lat,
      municipality_code: moved ? ((await municipalityAt(trx, before.county_code, input.lon, input.lat)) ?? before.municipality_code) : before.municipality_code,
      attributes: JSON.stringify(attributesOf(input, before.attributes as Record<string, string | number | boolean>)),
      updated_at: sql<Date>`now()`,
      version: sql<number>`version + 1`
    })
    .where('id', '=', before.id)
    .where('version', '=', input.version)
    .returning(POINT_COLUMNS)
    .executeTakeFirst();
  if (!row) throw conflict({ current: auditView(before) });
  await recordAudit(trx, actor, { action: moved ? 'move' : 'update', entity: 'servicePoint', entityId: row.id, before: auditView(before), after: auditView(row) });
  return row;
}

export async function updatePoint(db: Db, actor: MaybeActor, id: string, input: z.output<typeof updatePointSchema>): Promise<ServicePointView> {
  return db.transaction().execute(async (trx) => {
    const before = await pointRecord(trx, id, true);
    const me = assertEdit(actor, before.county_code);
    const row = await applyUpdate(trx, me, before, input);
    return toView(row, await names(trx, row.county_code), await today(trx));
  });
}

async function applyClose(trx: Db, actor: Actor, before: PointRecord, input: z.output<typeof closePointSchema>): Promise<PointRecord> {
  if (before.version !== input.version) throw conflict({ current: auditView(before) });
  const row = await trx
    .updateTable('analysis_service_points')
    .set({ closed_from: input.closedFrom, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
    .where('id', '=', before.id)
    .where('version', '=', input.version)
    .returning(POINT_COLUMNS)
    .executeTakeFirst();
  if (!row) throw conflict({ current: auditView(before) });
  await recordAudit(trx, actor, { action: input.closedFrom ? 'close' : 'reopen', entity: 'servicePoint', entityId: row.id, before: auditView(before), after: auditView(row) });
  return row;
}

/** Marks a point closed from a date (it leaves the analysis from that day), or reopens it (null). */
export async function closePoint(db: Db, actor: MaybeActor, id: string, input: z.output<typeof closePointSchema>): Promise<ServicePointView> {
  return db.transaction().execute(async (trx) => {
    const before = await pointRecord(trx, id, true);
    const me = assertEdit(actor, before.county_code);
    const row = await applyClose(trx, me, before, input);
    return toView(row, await names(trx, row.county_code), await today(trx));
  });
}

// ---------------------------------------------------------------- proposals from municipalities

export interface ProposalView {
  id: string;
  kind: 'add' | 'update' | 'close';
  municipalityCode: string;
  organisationId: string;
  pointId: string | null;
  pointName: string | null;
  payload: Record<string, unknown>;
  note: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  version: number;
}

export const proposalSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), point: pointSchema, note: z.string().trim().max(1000).default('') }),
  z.object({ kind: z.literal('update'), pointId: z.string(), point: updatePointSchema, note: z.string().trim().max(1000).default('') }),
  z.object({ kind: z.literal('close'), pointId: z.string(), close: closePointSchema, note: z.string().trim().max(1000).default('') })
]);
export type ProposalInput = z.output<typeof proposalSchema>;

/** A municipality editor proposes a change in their municipality; nothing changes until the region accepts. */
export async function proposeChange(db: Db, actor: MaybeActor, input: ProposalInput): Promise<ProposalView> {
  return db.transaction().execute(async (trx) => {
    let municipalityCode: string | null;
    let countyCode: string;
    let pointId: string | null = null;
    let payload: Record<string, unknown>;
    if (input.kind === 'add') {
      const me = actor?.organisation;
      countyCode = me?.countyCode ?? '';
      municipalityCode = countyCode ? await municipalityAt(trx, countyCode, input.point.lon, input.point.lat) : null;
      if (!municipalityCode) municipalityCode = me?.municipalityCode ?? null;
      payload = { point: input.point };
    } else {
      const point = await pointRecord(trx, input.pointId);
      municipalityCode = point.municipality_code;
      countyCode = point.county_code;
      pointId = point.id;
      payload = input.kind === 'update' ? { point: input.point } : { close: input.close };
    }
    if (!municipalityCode) throw invalid({ lon: 'analysis.error.outsideMunicipality' });
    const me = assertPropose(actor, municipalityCode);
    if (input.kind === 'add' && (await municipalityAt(trx, countyCode, input.point.lon, input.point.lat)) !== me.organisation.municipalityCode) {
      throw invalid({ lon: 'analysis.error.outsideMunicipality' });
    }
    const row = await trx
      .insertInto('analysis_point_proposals')
      .values({
        county_code: countyCode,
        municipality_code: municipalityCode,
        organisation_id: me.organisation.id,
        point_id: pointId,
        kind: input.kind,
        payload: JSON.stringify(payload),
        note: input.note,
        created_by: me.user.id
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'propose', entity: 'servicePointProposal', entityId: row.id, after: { kind: input.kind, pointId, payload, note: input.note } });
    return proposalView(row, null);
  });
}

type ProposalRecord = {
  id: string;
  kind: 'add' | 'update' | 'close';
  municipality_code: string;
  organisation_id: string;
  point_id: string | null;
  payload: unknown;
  note: string;
  status: 'pending' | 'accepted' | 'rejected';
  created_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  version: number;
  county_code: string;
};

function proposalView(r: ProposalRecord, pointName: string | null): ProposalView {
  return {
    id: r.id,
    kind: r.kind,
    municipalityCode: r.municipality_code,
    organisationId: r.organisation_id,
    pointId: r.point_id,
    pointName,
    payload: (r.payload ?? {}) as Record<string, unknown>,
    note: r.note,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    version: r.version
  };
}

/** The county's proposals (the region sees all, a municipality its own), newest first. */
export async function listProposals(db: Queryable, actor: MaybeActor, countyCode: string, status?: 'pending' | 'accepted' | 'rejected'): Promise<ProposalView[]> {
  const me = assertRead(actor, countyCode);
  let q = db
    .selectFrom('analysis_point_proposals as p')
    .leftJoin('analysis_service_points as s', 's.id', 'p.point_id')
    .selectAll('p')
    .select('s.name as point_name')
    .where('p.county_code', '=', countyCode);
  if (!can(me, 'county.edit', { type: 'county', countyCode })) q = q.where('p.organisation_id', '=', me.organisation.id);
  if (status) q = q.where('p.status', '=', status);
  const rows = await q.orderBy('p.created_at', 'desc').limit(200).execute();
  return rows.map((r) => proposalView(r, r.point_name));
}

export const decideSchema = z.object({
  decision: z.enum(['accept', 'reject'], { error: 'analysis.error.decision' }),
  version: z.coerce.number().int().positive(),
  note: z.string().trim().max(1000, { error: 'error.tooLong' }).default('')
});

/** The region accepts (the change is applied, both audited) or rejects a pending proposal. */
export async function decideProposal(db: Db, actor: MaybeActor, id: string, input: z.output<typeof decideSchema>): Promise<ProposalView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('analysis_point_proposals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound();
    const me = assertEdit(actor, p.county_code);
    if (p.version !== input.version || p.status !== 'pending') throw conflict({ current: { status: p.status, version: p.version } });
    let pointId = p.point_id;
    if (input.decision === 'accept') {
      const payload = p.payload as Record<string, unknown>;
      if (p.kind === 'add') pointId = (await insertPoint(trx, me, p.county_code, pointSchema.parse(payload.point), `proposal:${p.organisation_id}`)).id;
      else {
        if (!p.point_id) throw conflict({ current: { status: p.status, reason: 'point removed' } });
        const before = await pointRecord(trx, p.point_id, true);
        if (p.kind === 'update') await applyUpdate(trx, me, before, updatePointSchema.parse(payload.point));
        else await applyClose(trx, me, before, closePointSchema.parse(payload.close));
      }
    }
    const row = await trx
      .updateTable('analysis_point_proposals')
      .set({ status: input.decision === 'accept' ? 'accepted' : 'rejected', point_id: pointId, decided_by: me.user.id, decided_at: sql<Date>`now()`, decision_note: input.note, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: input.decision, entity: 'servicePointProposal', entityId: id, before: { status: p.status }, after: { status: row.status, note: input.note, pointId } });
    return proposalView(row, null);
  });
}

// ---------------------------------------------------------------- map layers

export async function pointsGeoJson(db: Queryable, actor: MaybeActor, input: z.output<typeof listPointsQuery>): Promise<FeatureCollection> {
  const points = await listPoints(db, actor, input);
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      id: p.id,
      properties: { id: p.id, name: p.name, types: p.types.join(','), municipality: p.municipalityCode, open: p.open, closedFrom: p.closedFrom, fullAssortment: p.types.includes('grocery_full') },
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] }
    }))
  };
}

export const boundariesQuery = z.object({ area: areaSchema });

export async function boundariesGeoJson(db: Queryable, actor: MaybeActor, input: z.output<typeof boundariesQuery>): Promise<FeatureCollection> {
  const area = await resolveArea(db, input.area);
  assertRead(actor, area.countyCode);
  const ds = await currentDatasets(db, area.countyCode);
  if (!ds.boundaries) return { type: 'FeatureCollection', features: [] };
  let q = db.selectFrom('analysis_boundaries').select(['municipality_code', 'name', 'geometry']).where('dataset_id', '=', ds.boundaries.id);
  if (area.level === 'municipality') q = q.where('municipality_code', '=', area.code);
  const rows = await q.orderBy('municipality_code').execute();
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', id: r.municipality_code, properties: { code: r.municipality_code, name: r.name }, geometry: r.geometry }))
  };
}
