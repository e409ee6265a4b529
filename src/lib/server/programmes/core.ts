import * as z from 'zod';
import type { Queryable } from '../db';
import type { MaybeActor, Actor } from '../auth/actor';
import { assertCan, can } from '../auth/policy';
import { DomainError, notFound } from '../errors';
import type { ProgrammeContent } from './tables';

/** Row loaders and access checks shared by the programme services. Not for use outside this folder. */

export const isUuid = (value: string) => z.uuid().safeParse(value).success;

export interface ProgrammeRow {
  id: string;
  county_code: string;
  organisation_id: string;
  period_start: number;
  period_end: number;
  title: string;
}

export async function loadProgramme(db: Queryable, id: string): Promise<ProgrammeRow> {
  if (!isUuid(id)) throw notFound();
  const row = await db
    .selectFrom('programmes')
    .select(['id', 'county_code', 'organisation_id', 'period_start', 'period_end', 'title'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function loadPlanRow(db: Queryable, planId: string) {
  if (!isUuid(planId)) throw notFound();
  const row = await db
    .selectFrom('action_plans as p')
    .innerJoin('programmes as g', 'g.id', 'p.programme_id')
    .selectAll('p')
    .select(['g.county_code', 'g.title as programme_title', 'g.period_start', 'g.period_end'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function findPlanId(db: Queryable, programmeId: string, year: number): Promise<string> {
  if (!isUuid(programmeId) || !Number.isInteger(year)) throw notFound();
  const row = await db.selectFrom('action_plans').select('id').where('programme_id', '=', programmeId).where('year', '=', year).executeTakeFirst();
  if (!row) throw notFound();
  return row.id;
}

/**
 * Reading: a county's own users read everything of the county (drafts too); Tillväxtverket reads only what
 * the county has made official (adopted programmes and plans, submitted follow-ups). Anyone else: 403; the public: 401.
 */
export function assertRead(actor: MaybeActor, countyCode: string, published: boolean): Actor {
  if (published) return assertCan(actor, 'county.readSubmitted', { type: 'county', countyCode });
  return assertCan(actor, 'county.readDraft', { type: 'county', countyCode });
}

export function canEdit(actor: MaybeActor, countyCode: string): boolean {
  return can(actor, 'county.edit', { type: 'county', countyCode });
}

export const planAdopted = () => new DomainError('conflict', 'programmes.error.planAdopted');
export const followUpLocked = () => new DomainError('conflict', 'programmes.error.followUpSubmitted');

export function emptyContent(): ProgrammeContent {
  return {
    background: '',
    steeringDocuments: [],
    analysis: '',
    structuralFigures: [],
    swot: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    goals: [],
    priorities: [],
    implementation: ''
  };
}

/** The goal codes of the programme's latest version (what an intervention may say it serves). */
export async function programmeGoals(db: Queryable, programmeId: string): Promise<{ code: string; title: string }[]> {
  const latest = await db
    .selectFrom('programme_versions')
    .select('content')
    .where('programme_id', '=', programmeId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (latest?.content.goals ?? []).map((g) => ({ code: g.code, title: g.title }));
}

/** Organisations that can be responsible for an intervention in a county: its own plus national agencies. */
export async function countyOrganisations(db: Queryable, countyCode: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind'])
    .where((eb) => eb.or([eb('county_code', '=', countyCode), eb('kind', '=', 'agency')]))
    .orderBy('kind')
    .orderBy('name')
    .execute();
}

export function json<T>(value: T): string {
  return JSON.stringify(value);
}

/** A year from a URL segment; anything else is a 404 (the URL names nothing). */
export function yearParam(value: string): number {
  if (!/^\d{4}$/.test(value)) throw notFound();
  return Number(value);
}
