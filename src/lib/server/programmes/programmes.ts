import { sql } from 'kysely';
import type * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { conflict, DomainError, forbidden, notFound } from '../errors';
import { assertRead, canEdit, emptyContent, isUuid, json, loadProgramme } from './core';
import { adoptionOf, type AdoptionView } from './plans';
import { deadlineStatus, todayInSweden, type DeadlineStatus } from './deadline';
import type { ProgrammeContent, ProgrammeVersionStatus } from './tables';
import type { createProgrammeSchema, programmeContentSchema } from './schemas';

export interface ProgrammeSummary {
  id: string;
  countyCode: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  /** Status of the newest version the reader may see. */
  status: ProgrammeVersionStatus;
  adopted: { date: string; body: string; paragraph: string | null } | null;
}

/**
 * Programmes of a county. The county's users see every version's status; Tillväxtverket sees adopted
 * programmes only. Without a county: the actor's own county.
 */
export async function listProgrammes(db: Queryable, actor: MaybeActor, countyCode?: string): Promise<ProgrammeSummary[]> {
  const me = requireActor(actor);
  const county = countyCode ?? me.organisation.countyCode;
  if (!county) throw forbidden();
  assertRead(actor, county, true);
  const drafts = can(actor, 'county.readDraft', { type: 'county', countyCode: county });
  const programmes = await db.selectFrom('programmes').selectAll().where('county_code', '=', county).orderBy('period_start', 'desc').execute();
  const versions = programmes.length
    ? await db
        .selectFrom('programme_versions')
        .select(['programme_id', 'number', 'status', 'adopted_date', 'adopted_by', 'adopted_paragraph'])
        .where(
          'programme_id',
          'in',
          programmes.map((p) => p.id)
        )
        .orderBy('number', 'desc')
        .execute()
    : [];
  const out: ProgrammeSummary[] = [];
  for (const p of programmes) {
    const mine = versions.filter((v) => v.programme_id === p.id && (drafts || v.status === 'adopted'));
    if (!mine.length) continue;
    const adopted = mine.find((v) => v.status === 'adopted');
    out.push({
      id: p.id,
      countyCode: p.county_code,
      title: p.title,
      periodStart: p.period_start,
      periodEnd: p.period_end,
      status: mine[0].status,
      adopted: adopted ? { date: adopted.adopted_date!, body: adopted.adopted_by!, paragraph: adopted.adopted_paragraph } : null
    });
  }
  return out;
}

export interface Chapter {
  key: 'background' | 'analysis' | 'swot' | 'goals' | 'priorities' | 'implementation';
  title: string;
  text: string;
}

const CHAPTER_TITLES: Record<Chapter['key'], string> = {
  background: 'Bakgrund',
  analysis: 'Analys',
  swot: 'SWOT',
  goals: 'Mål',
  priorities: 'Prioriteringar',
  implementation: 'Genomförande'
};

const fmt = (n: number | null) => (n === null ? '–' : String(n).replace('.', ','));

/** The programme's content as chapters of plain text: for consultation comments, comparison and export. */
export function chaptersOf(content: ProgrammeContent): Chapter[] {
  const lines = (items: string[]) => items.map((i) => `• ${i}`).join('\n');
  const text: Record<Chapter['key'], string> = {
    background: [
      content.background,
      content.steeringDocuments.length
        ? 'Styrdokument:\n' + lines(content.steeringDocuments.map((d) => (d.diaryNumber ? `${d.title} (${d.diaryNumber})` : d.title)))
        : ''
    ]
      .filter(Boolean)
      .join('\n\n'),
    analysis: [content.analysis, content.structuralFigures.length ? 'Nyckeltal:\n' + lines(content.structuralFigures.map((f) => `${f.label}: ${f.value}${f.source ? ` (${f.source})` : ''}`)) : '']
      .filter(Boolean)
      .join('\n\n'),
    swot: (
      [
        ['Styrkor', content.swot.strengths],
        ['Svagheter', content.swot.weaknesses],
        ['Möjligheter', content.swot.opportunities],
        ['Hot', content.swot.threats]
      ] as const
    )
      .map(([title, items]) => `${title}:\n${lines([...items])}`)
      .join('\n\n'),
    goals: content.goals
      .map(
        (g) =>
          `${g.code} ${g.title}${g.description ? `\n${g.description}` : ''}` +
          (g.indicators.length
            ? '\n' + lines(g.indicators.map((i) => `${i.name}: från ${fmt(i.baseline)} till ${fmt(i.target)} ${i.unit}${i.targetYear ? ` år ${i.targetYear}` : ''}`))
            : '')
      )
      .join('\n\n'),
    priorities: content.priorities.map((p) => `${p.title}${p.text ? `\n${p.text}` : ''}`).join('\n\n'),
    implementation: content.implementation
  };
  return (Object.keys(CHAPTER_TITLES) as Chapter['key'][]).map((key) => ({ key, title: CHAPTER_TITLES[key], text: text[key] }));
}

export interface ProgrammeVersionView {
  id: string;
  programmeId: string;
  programmeTitle: string;
  countyCode: string;
  number: number;
  status: ProgrammeVersionStatus;
  adopted: AdoptionView | null;
  content: ProgrammeContent;
  chapters: Chapter[];
  version: number;
  canEdit: boolean;
}

/**
 * One version of a programme with its chapters (title + text). The cases domain shows a chosen version in a
 * consultation round and collects comments per chapter (by `key`).
 */
export async function getProgrammeVersion(db: Queryable, actor: MaybeActor, versionId: string): Promise<ProgrammeVersionView> {
  if (!isUuid(versionId)) throw notFound();
  const row = await db
    .selectFrom('programme_versions as v')
    .innerJoin('programmes as g', 'g.id', 'v.programme_id')
    .selectAll('v')
    .select(['g.county_code', 'g.title as programme_title'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw notFound();
  assertRead(actor, row.county_code, row.status === 'adopted');
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeTitle: row.programme_title,
    countyCode: row.county_code,
    number: row.number,
    status: row.status,
    adopted: adoptionOf(row),
    content: row.content,
    chapters: chaptersOf(row.content),
    version: row.version,
    canEdit: row.status === 'draft' && canEdit(actor, row.county_code)
  };
}

export interface ProgrammeView {
  id: string;
  countyCode: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  versions: { id: string; number: number; status: ProgrammeVersionStatus; adopted: AdoptionView | null }[];
  /** The version shown by default: the newest adopted one, else the newest. */
  current: ProgrammeVersionView;
  plans: { id: string; year: number; status: 'draft' | 'adopted'; followUp: { status: 'in_progress' | 'submitted'; submittedDate: string | null; deadline: DeadlineStatus } | null }[];
  canEdit: boolean;
}

export async function getProgramme(db: Queryable, actor: MaybeActor, programmeId: string, today = todayInSweden()): Promise<ProgrammeView> {
  const programme = await loadProgramme(db, programmeId);
  assertRead(actor, programme.county_code, true);
  const drafts = can(actor, 'county.readDraft', { type: 'county', countyCode: programme.county_code });
  const versions = (
    await db
      .selectFrom('programme_versions')
      .select(['id', 'number', 'status', 'adopted_date', 'adopted_by', 'adopted_paragraph', 'adopted_delegation', 'decision_id', 'decision_reference'])
      .where('programme_id', '=', programme.id)
      .orderBy('number', 'desc')
      .execute()
  ).filter((v) => drafts || v.status === 'adopted');
  if (!versions.length) throw forbidden();
  const shown = versions.find((v) => v.status === 'adopted') ?? versions[0];
  const plans = await db
    .selectFrom('action_plans as p')
    .leftJoin('follow_ups as f', 'f.plan_id', 'p.id')
    .select(['p.id', 'p.year', 'p.status', 'f.status as follow_up_status', 'f.submitted_date'])
    .where('p.programme_id', '=', programme.id)
    .orderBy('p.year', 'desc')
    .execute();
  return {
    id: programme.id,
    countyCode: programme.county_code,
    title: programme.title,
    periodStart: programme.period_start,
    periodEnd: programme.period_end,
    versions: versions.map((v) => ({ id: v.id, number: v.number, status: v.status, adopted: adoptionOf(v) })),
    current: await getProgrammeVersion(db, actor, shown.id),
    plans: plans
      .filter((p) => drafts || p.status === 'adopted')
      .map((p) => ({
        id: p.id,
        year: p.year,
        status: p.status,
        followUp: p.follow_up_status ? { status: p.follow_up_status, submittedDate: p.submitted_date, deadline: deadlineStatus(p.year, today, p.submitted_date) } : null
      })),
    canEdit: canEdit(actor, programme.county_code)
  };
}

export async function createProgramme(db: Db, actor: MaybeActor, input: z.output<typeof createProgrammeSchema>): Promise<{ id: string }> {
  const me = requireActor(actor);
  const countyCode = me.organisation.countyCode ?? '';
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode });
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('programmes').select('id').where('county_code', '=', countyCode).where('period_start', '=', input.periodStart).executeTakeFirst();
    if (exists) throw new DomainError('conflict', 'programmes.error.programmeExists', { year: input.periodStart });
    const row = await trx
      .insertInto('programmes')
      .values({ county_code: countyCode, organisation_id: editor.organisation.id, period_start: input.periodStart, period_end: input.periodEnd, title: input.title })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('programme_versions').values({ programme_id: row.id, number: 1, content: json(emptyContent()) }).execute();
    await recordAudit(trx, editor, { action: 'create', entity: 'programme', entityId: row.id, after: input });
    return row;
  });
}

async function lockVersion(trx: Queryable, actor: MaybeActor, versionId: string) {
  if (!isUuid(versionId)) throw notFound();
  const row = await trx
    .selectFrom('programme_versions as v')
    .innerJoin('programmes as g', 'g.id', 'v.programme_id')
    .select(['v.id', 'v.status', 'v.version', 'v.number', 'v.content', 'g.county_code', 'g.organisation_id'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: row.county_code });
  await trx.selectFrom('programme_versions').select('id').where('id', '=', row.id).forUpdate().execute();
  return { row, editor };
}

const STATUS_SV: Record<ProgrammeVersionStatus, string> = { draft: 'ett utkast', consultation: 'remitterad', adopted: 'fastställd' };

/** Saves a draft's content. A version on consultation or adopted is frozen (409): make a new version. */
export async function updateProgrammeVersion(db: Db, actor: MaybeActor, versionId: string, input: { version: number; content: z.output<typeof programmeContentSchema> }) {
  return db.transaction().execute(async (trx) => {
    const { row, editor } = await lockVersion(trx, actor, versionId);
    if (row.status !== 'draft') throw new DomainError('conflict', 'programmes.error.versionFrozen', { status: STATUS_SV[row.status] });
    const updated = await trx
      .updateTable('programme_versions')
      .set({ content: json(input.content), version: input.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .returning('version')
      .executeTakeFirst();
    if (!updated) throw conflict({ current: { version: row.version, content: row.content } });
    await recordAudit(trx, editor, { action: 'update', entity: 'programmeVersion', entityId: row.id, organisationId: row.organisation_id, before: row.content, after: input.content });
    return { version: updated.version };
  });
}

/** draft → consultation: the content the consultation bodies comment on is frozen from here. */
export async function sendToConsultation(db: Db, actor: MaybeActor, versionId: string, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, editor } = await lockVersion(trx, actor, versionId);
    if (row.status !== 'draft') throw new DomainError('conflict', 'programmes.error.notConsultable');
    const updated = await trx
      .updateTable('programme_versions')
      .set({ status: 'consultation', version: version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw conflict({ current: { version: row.version, status: row.status } });
    await recordAudit(trx, editor, { action: 'toConsultation', entity: 'programmeVersion', entityId: row.id, organisationId: row.organisation_id, before: { status: 'draft' }, after: { status: 'consultation' } });
  });
}

/** A new draft version copied from the newest version; only one draft at a time. */
export async function createNewVersion(db: Db, actor: MaybeActor, programmeId: string): Promise<{ id: string; number: number }> {
  const programme = await loadProgramme(db, programmeId);
  const editor = assertCan(actor, 'county.edit', { type: 'county', countyCode: programme.county_code });
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('programmes').select('id').where('id', '=', programme.id).forUpdate().execute();
    const latest = await trx.selectFrom('programme_versions').select(['number', 'status', 'content']).where('programme_id', '=', programme.id).orderBy('number', 'desc').limit(1).executeTakeFirst();
    if (latest?.status === 'draft') throw new DomainError('conflict', 'programmes.error.draftExists', { number: latest.number });
    const row = await trx
      .insertInto('programme_versions')
      .values({ programme_id: programme.id, number: (latest?.number ?? 0) + 1, content: json(latest?.content ?? emptyContent()) })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, editor, { action: 'newVersion', entity: 'programmeVersion', entityId: row.id, organisationId: programme.organisation_id, after: { number: row.number } });
    return row;
  });
}

export interface VersionComparison {
  a: { id: string; number: number; status: ProgrammeVersionStatus };
  b: { id: string; number: number; status: ProgrammeVersionStatus };
  chapters: { key: Chapter['key']; title: string; a: string; b: string; changed: boolean }[];
}

/** Any two versions of one programme, chapter by chapter, side by side. */
export async function compareVersions(db: Queryable, actor: MaybeActor, aId: string, bId: string): Promise<VersionComparison> {
  const [a, b] = await Promise.all([getProgrammeVersion(db, actor, aId), getProgrammeVersion(db, actor, bId)]);
  if (a.programmeId !== b.programmeId) throw notFound();
  return {
    a: { id: a.id, number: a.number, status: a.status },
    b: { id: b.id, number: b.number, status: b.status },
    chapters: a.chapters.map((ca, i) => ({ key: ca.key, title: ca.title, a: ca.text, b: b.chapters[i].text, changed: ca.text !== b.chapters[i].text }))
  };
}
