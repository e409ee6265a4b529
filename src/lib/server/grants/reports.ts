import { sql } from 'kysely';
import type { Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { readScope } from './access';
import type { FundKind, SupportForm } from './tables';

/**
 * Counts and sums per fund, support form and municipality for a year or a quarter. Applications count by
 * the date received, grants by the date first decided (a later change of the decision keeps the grant in
 * that period, with the current amount), payments by the date paid. A project in several municipalities
 * counts in each, and its amounts are split equally between them (remainders to the lowest codes), so the
 * municipal sums add up to the county's.
 */
export interface Period {
  year: number;
  quarter?: number;
}

export function periodRange({ year, quarter }: Period): { from: string; to: string } {
  if (!quarter) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: `${year}-${String(endMonth).padStart(2, '0')}-${lastDay}` };
}

export interface FundLine {
  fundId: string;
  fund: string;
  kind: FundKind;
  supportForm: SupportForm;
  applications: number;
  appliedSek: number;
  granted: number;
  grantedSek: number;
  paidSek: number;
}

export interface MunicipalityLine {
  code: string;
  name: string;
  applications: number;
  granted: number;
  grantedSek: number;
  paidSek: number;
}

export interface GrantReport {
  countyCode: string;
  countyName: string;
  period: Period;
  byFundAndForm: FundLine[];
  byFund: { fundId: string; fund: string; kind: FundKind; applications: number; granted: number; grantedSek: number; paidSek: number }[];
  byMunicipality: MunicipalityLine[];
  totals: { applications: number; granted: number; grantedSek: number; paidSek: number };
}

export function splitEvenly(amount: number, parts: number): number[] {
  const base = Math.floor(amount / parts);
  const rest = amount - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

/** The report without an access check: for the facts seam (the result report checks its own access). */
export async function buildReport(db: Queryable, countyCode: string, period: Period, onlyMunicipality?: string): Promise<GrantReport> {
  const { from, to } = periodRange(period);
  const county = await db.selectFrom('counties').select('name').where('code', '=', countyCode).executeTakeFirst();
  const municipalities = await db.selectFrom('municipalities').select(['code', 'short_name']).where('county_code', '=', countyCode).orderBy('code').execute();
  const funds = await db.selectFrom('grant_funds').select(['id', 'name', 'kind']).where('county_code', '=', countyCode).orderBy('name').execute();
  const apps = await db
    .selectFrom('grant_applications as a')
    .leftJoin('grant_decisions as d', (j) => j.onRef('d.application_id', '=', 'a.id').on('d.superseded_by', 'is', null))
    .select(['a.id', 'a.fund_id', 'a.support_form', 'a.received_on', 'a.applied_sek', 'd.id as decision_id', 'd.outcome', 'd.amount_sek', 'd.first_decided_on'])
    .where('a.county_code', '=', countyCode)
    .where((eb) => eb.or([eb.between('a.received_on', from, to), eb.between('d.first_decided_on', from, to), eb.exists(eb.selectFrom('grant_payments as p').innerJoin('grant_decisions as dd', 'dd.id', 'p.decision_id').select('p.id').whereRef('dd.application_id', '=', 'a.id').where('p.kind', 'in', ['payment', 'recovery']).where('p.on_date', '>=', from).where('p.on_date', '<=', to))]))
    .execute();
  const ids = apps.map((a) => a.id);
  const links = ids.length ? await db.selectFrom('grant_application_municipalities').selectAll().where('application_id', 'in', ids).orderBy('municipality_code').execute() : [];
  const payments = ids.length
    ? await db
        .selectFrom('grant_payments as p')
        .innerJoin('grant_decisions as d', 'd.id', 'p.decision_id')
        .select(['d.application_id', 'p.kind', sql<number>`sum(p.amount_sek)`.as('sum')])
        .where('d.application_id', 'in', ids)
        .where('p.kind', 'in', ['payment', 'recovery'])
        .where('p.on_date', '>=', from)
        .where('p.on_date', '<=', to)
        .groupBy(['d.application_id', 'p.kind'])
        .execute()
    : [];
  const paidOf = (id: string) => payments.filter((p) => p.application_id === id).reduce((s, p) => s + (p.kind === 'payment' ? 1 : -1) * Number(p.sum), 0);

  const fundLines = new Map<string, FundLine>();
  const muni = new Map(municipalities.map((m) => [m.code, { code: m.code, name: m.short_name, applications: 0, granted: 0, grantedSek: 0, paidSek: 0 } as MunicipalityLine]));
  for (const a of apps) {
    const codes = links.filter((l) => l.application_id === a.id).map((l) => l.municipality_code);
    if (onlyMunicipality && !codes.includes(onlyMunicipality)) continue;
    const fund = funds.find((f) => f.id === a.fund_id);
    if (!fund) continue;
    const received = a.received_on >= from && a.received_on <= to;
    const granted = a.outcome === 'granted' && a.first_decided_on !== null && a.first_decided_on >= from && a.first_decided_on <= to;
    const grantedSek = granted ? Number(a.amount_sek) : 0;
    const paid = paidOf(a.id);
    const key = `${fund.id}:${a.support_form}`;
    const line = fundLines.get(key) ?? { fundId: fund.id, fund: fund.name, kind: fund.kind, supportForm: a.support_form, applications: 0, appliedSek: 0, granted: 0, grantedSek: 0, paidSek: 0 };
    if (received) {
      line.applications += 1;
      line.appliedSek += Number(a.applied_sek);
    }
    if (granted) {
      line.granted += 1;
      line.grantedSek += grantedSek;
    }
    line.paidSek += paid;
    fundLines.set(key, line);
    const grantedParts = splitEvenly(grantedSek, codes.length || 1);
    const paidParts = splitEvenly(Math.abs(paid), codes.length || 1).map((x) => (paid < 0 ? -x : x));
    codes.forEach((code, i) => {
      const m = muni.get(code);
      if (!m) return;
      if (received) m.applications += 1;
      if (granted) {
        m.granted += 1;
        m.grantedSek += grantedParts[i];
      }
      m.paidSek += paidParts[i];
    });
  }
  const byFundAndForm = [...fundLines.values()].sort((a, b) => a.fund.localeCompare(b.fund, 'sv') || a.supportForm.localeCompare(b.supportForm));
  const byFund = funds
    .map((f) => {
      const lines = byFundAndForm.filter((l) => l.fundId === f.id);
      return {
        fundId: f.id,
        fund: f.name,
        kind: f.kind,
        applications: lines.reduce((s, l) => s + l.applications, 0),
        granted: lines.reduce((s, l) => s + l.granted, 0),
        grantedSek: lines.reduce((s, l) => s + l.grantedSek, 0),
        paidSek: lines.reduce((s, l) => s + l.paidSek, 0)
      };
    })
    .filter((f) => f.applications || f.granted || f.paidSek);
  const byMunicipality = [...muni.values()].filter((m) => !onlyMunicipality || m.code === onlyMunicipality);
  return {
    countyCode,
    countyName: county?.name ?? countyCode,
    period,
    byFundAndForm,
    byFund,
    byMunicipality,
    totals: {
      applications: byFund.reduce((s, f) => s + f.applications, 0),
      granted: byFund.reduce((s, f) => s + f.granted, 0),
      grantedSek: byFund.reduce((s, f) => s + f.grantedSek, 0),
      paidSek: byFund.reduce((s, f) => s + f.paidSek, 0)
    }
  };
}

/** The report as the actor may see it: a municipality's users see only their own municipality's share. */
export async function grantReport(db: Queryable, actor: MaybeActor, countyCode: string, period: Period): Promise<GrantReport> {
  const scope = readScope(actor, countyCode);
  return buildReport(db, countyCode, period, scope.all ? undefined : scope.municipalityCode);
}

/** The API's summary shape. */
export async function grantSummary(db: Queryable, actor: MaybeActor, countyCode: string, period: Period) {
  const report = await grantReport(db, actor, countyCode, period);
  return {
    county: countyCode,
    year: period.year,
    quarter: period.quarter ?? null,
    byFund: report.byFund.map((f) => ({ fund: f.fund, kind: f.kind, applications: f.applications, granted: f.granted, grantedSek: f.grantedSek })),
    byMunicipality: report.byMunicipality.map((m) => ({ code: m.code, name: m.name, granted: m.granted, grantedSek: m.grantedSek }))
  };
}
