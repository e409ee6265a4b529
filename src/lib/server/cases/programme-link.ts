import * as z from 'zod';
import type { Queryable } from '../db';
import type { Actor } from '../auth/actor';
import { getProgrammeVersion } from '../programmes/programmes';

/**
 * The few things cases need to know about the programme domain, in one place: which county a programme
 * belongs to (process plans and consultations are the county's), the programmes and versions a region can
 * pick from, and the chapters of a chosen version (through that domain's `getProgrammeVersion`, which
 * checks the actor's access itself).
 */
const isUuid = (id: string) => z.uuid().safeParse(id).success;

export async function programmeCounty(db: Queryable, programmeId: string): Promise<string | null> {
  if (!isUuid(programmeId)) return null;
  const row = await db.selectFrom('programmes').select('county_code').where('id', '=', programmeId).executeTakeFirst();
  return row?.county_code ?? null;
}

export async function programmesOfCounty(db: Queryable, countyCode: string): Promise<{ id: string; title: string }[]> {
  return db.selectFrom('programmes').select(['id', 'title']).where('county_code', '=', countyCode).orderBy('period_start', 'desc').execute();
}

export interface VersionOption {
  id: string;
  programmeId: string;
  label: string;
}

/** Versions that can go out for consultation: every version not yet adopted, newest first. */
export async function consultableVersions(db: Queryable, countyCode: string): Promise<VersionOption[]> {
  const rows = await db
    .selectFrom('programme_versions')
    .innerJoin('programmes', 'programmes.id', 'programme_versions.programme_id')
    .select(['programme_versions.id', 'programme_versions.programme_id', 'programme_versions.number', 'programme_versions.status', 'programmes.title'])
    .where('programmes.county_code', '=', countyCode)
    .where('programme_versions.status', '!=', 'adopted')
    .orderBy('programmes.period_start', 'desc')
    .orderBy('programme_versions.number', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, programmeId: r.programme_id, label: `${r.title}, version ${r.number}` }));
}

/** The chapter titles of a programme version, in order, as the programme domain presents them (it checks access). */
export async function versionChapters(db: Queryable, actor: Actor, versionId: string): Promise<{ programmeId: string; countyCode: string; chapters: string[] }> {
  const version = await getProgrammeVersion(db, actor, versionId);
  return { programmeId: version.programmeId, countyCode: version.countyCode, chapters: version.chapters.map((c) => c.title) };
}

/** Where a programme record is shown (the programme domain's pages), for links from cases and decisions. */
export async function recordHrefs(db: Queryable, records: { kind: string; id: string }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const plans = records.filter((r) => r.kind === 'actionPlan' && isUuid(r.id)).map((r) => r.id);
  const versions = records.filter((r) => r.kind === 'programmeVersion' && isUuid(r.id)).map((r) => r.id);
  for (const r of records) if (r.kind === 'programme' && isUuid(r.id)) out.set(`programme:${r.id}`, `/program/${r.id}`);
  if (plans.length)
    for (const p of await db.selectFrom('action_plans').select(['id', 'programme_id', 'year']).where('id', 'in', plans).execute())
      out.set(`actionPlan:${p.id}`, `/program/${p.programme_id}/handlingsplan/${p.year}`);
  if (versions.length)
    for (const v of await db.selectFrom('programme_versions').select(['id', 'programme_id']).where('id', 'in', versions).execute())
      out.set(`programmeVersion:${v.id}`, `/program/${v.programme_id}/version/${v.id}`);
  return out;
}
