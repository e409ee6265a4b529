import { sql } from 'kysely';
import type { Db, Queryable } from '../db';
import type { Actor, MaybeActor } from '../auth/actor';
import { recordAudit } from '../audit';
import { DomainError, conflict, invalid, notFound } from '../errors';
import { storeFile, type FileKind } from '../files';
import { servicePointsNear, storeAccessFacts, type StoreAccessFacts } from '../analysis/facts';
import { translate, type Locale } from '$lib/i18n';
import { assertEdit, canEdit, readScope } from './access';
import { defaultRegime, type ApplicationInput, type applicationSchema, type assessmentSchema, type budgetSchema, type callSchema, type decisionSchema, type fundSchema, type paymentSchema } from './schemas';
import { deMinimisRule, homeDeliveryRule, investmentGrantRule, loadParamSet, operatingSupportRule, sekToEurCents, serviceGrantRule, yearDate, type DeMinimisResult, type Finding, type RuleResult } from './rules';
import type { ApplicationStatus, FundKind, Regime, SupportForm } from './tables';
import type * as z from 'zod';

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
export const todayIso = () => new Date().toISOString().slice(0, 10);

// ---------------------------------------------------------------- funds, budgets, calls

export interface FundView {
  id: string;
  name: string;
  kind: FundKind;
  description: string;
  budgets: { year: number; budgetSek: number }[];
  calls: { id: string; title: string; opensOn: string; closesOn: string; criteria: string }[];
}

export async function listFunds(db: Queryable, actor: MaybeActor, countyCode: string): Promise<FundView[]> {
  readScope(actor, countyCode);
  const funds = await db.selectFrom('grant_funds').selectAll().where('county_code', '=', countyCode).orderBy('name').execute();
  if (!funds.length) return [];
  const ids = funds.map((f) => f.id);
  const budgets = await db.selectFrom('grant_fund_budgets').selectAll().where('fund_id', 'in', ids).orderBy('year', 'desc').execute();
  const calls = await db.selectFrom('grant_calls').selectAll().where('fund_id', 'in', ids).orderBy('opens_on', 'desc').execute();
  return funds.map((f) => ({
    id: f.id,
    name: f.name,
    kind: f.kind,
    description: f.description,
    budgets: budgets.filter((b) => b.fund_id === f.id).map((b) => ({ year: b.year, budgetSek: Number(b.budget_sek) })),
    calls: calls.filter((c) => c.fund_id === f.id).map((c) => ({ id: c.id, title: c.title, opensOn: c.opens_on, closesOn: c.closes_on, criteria: c.criteria }))
  }));
}

export async function createFund(db: Db, actor: MaybeActor, countyCode: string, input: z.output<typeof fundSchema>): Promise<string> {
  const me = assertEdit(actor, countyCode);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('grant_funds').select('id').where('county_code', '=', countyCode).where(sql`lower(name)`, '=', input.name.toLowerCase()).executeTakeFirst();
    if (taken) throw invalid({ name: 'grants.error.fundName' });
    const row = await trx.insertInto('grant_funds').values({ county_code: countyCode, name: input.name, kind: input.kind, description: input.description }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'create', entity: 'grantFund', entityId: row.id, after: { countyCode, ...input } });
    return row.id;
  });
}

async function fundInCounty(trx: Queryable, fundId: string) {
  const fund = await trx.selectFrom('grant_funds').selectAll().where('id', '=', fundId).executeTakeFirst();
  if (!fund) throw invalid({ fundId: 'grants.error.fund' });
  return fund;
}

export async function setBudget(db: Db, actor: MaybeActor, input: z.output<typeof budgetSchema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const fund = await fundInCounty(trx, input.fundId);
    const me = assertEdit(actor, fund.county_code);
    const before = await trx.selectFrom('grant_fund_budgets').selectAll().where('fund_id', '=', fund.id).where('year', '=', input.year).forUpdate().executeTakeFirst();
    if (before) {
      await trx.updateTable('grant_fund_budgets').set({ budget_sek: input.budgetSek, version: before.version + 1 }).where('fund_id', '=', fund.id).where('year', '=', input.year).execute();
    } else {
      await trx.insertInto('grant_fund_budgets').values({ fund_id: fund.id, year: input.year, budget_sek: input.budgetSek }).execute();
    }
    await recordAudit(trx, me, { action: before ? 'update' : 'create', entity: 'grantFundBudget', entityId: `${fund.id}:${input.year}`, before: before ? { budgetSek: Number(before.budget_sek) } : undefined, after: { budgetSek: input.budgetSek } });
  });
}

export async function createCall(db: Db, actor: MaybeActor, input: z.output<typeof callSchema>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const fund = await fundInCounty(trx, input.fundId);
    const me = assertEdit(actor, fund.county_code);
    const row = await trx
      .insertInto('grant_calls')
      .values({ fund_id: fund.id, title: input.title, opens_on: input.opensOn, closes_on: input.closesOn, criteria: input.criteria })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'create', entity: 'grantCall', entityId: row.id, after: input });
    return row.id;
  });
}

// ---------------------------------------------------------------- applications

export interface ApplicationRow {
  id: string;
  applicantName: string;
  orgNumber: string;
  title: string;
  fundName: string;
  supportForm: SupportForm;
  supportYear: number;
  receivedOn: string;
  appliedSek: number;
  grantedSek: number | null;
  status: ApplicationStatus;
  municipalities: string[];
  diaryNumber: string | null;
}

export async function listApplications(
  db: Queryable,
  actor: MaybeActor,
  countyCode: string,
  filter: { year?: number; fundId?: string; status?: string } = {}
): Promise<ApplicationRow[]> {
  const scope = readScope(actor, countyCode);
  let q = db
    .selectFrom('grant_applications as a')
    .innerJoin('grant_funds as f', 'f.id', 'a.fund_id')
    .leftJoin('grant_decisions as d', (j) => j.onRef('d.application_id', '=', 'a.id').on('d.superseded_by', 'is', null).on('d.outcome', '=', 'granted'))
    .select(['a.id', 'a.applicant_name', 'a.org_number', 'a.title', 'f.name as fund_name', 'a.support_form', 'a.support_year', 'a.received_on', 'a.applied_sek', 'a.status', 'a.diary_number', 'd.amount_sek as granted_sek'])
    .where('a.county_code', '=', countyCode);
  if (filter.year) q = q.where(sql<boolean>`extract(year from a.received_on) = ${filter.year}`);
  if (filter.fundId && isUuid(filter.fundId)) q = q.where('a.fund_id', '=', filter.fundId);
  if (filter.status) q = q.where('a.status', '=', filter.status as ApplicationStatus);
  if (!scope.all) {
    const code = scope.municipalityCode;
    q = q.where((eb) => eb.exists(eb.selectFrom('grant_application_municipalities as m').select('m.application_id').whereRef('m.application_id', '=', 'a.id').where('m.municipality_code', '=', code)));
  }
  const rows = await q.orderBy('a.received_on', 'desc').orderBy('a.applicant_name').limit(1000).execute();
  const munis = rows.length
    ? await db
        .selectFrom('grant_application_municipalities as m')
        .innerJoin('municipalities as k', 'k.code', 'm.municipality_code')
        .select(['m.application_id', 'k.short_name'])
        .where('m.application_id', 'in', rows.map((r) => r.id))
        .orderBy('k.short_name')
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    applicantName: r.applicant_name,
    orgNumber: r.org_number,
    title: r.title,
    fundName: r.fund_name,
    supportForm: r.support_form,
    supportYear: r.support_year,
    receivedOn: r.received_on,
    appliedSek: Number(r.applied_sek),
    grantedSek: r.granted_sek === null ? null : Number(r.granted_sek),
    status: r.status,
    municipalities: munis.filter((m) => m.application_id === r.id).map((m) => m.short_name),
    diaryNumber: r.diary_number
  }));
}

async function checkMunicipalities(trx: Queryable, countyCode: string, codes: string[]): Promise<string[]> {
  const unique = [...new Set(codes)];
  const found = await trx.selectFrom('municipalities').select('code').where('county_code', '=', countyCode).where('code', 'in', unique).execute();
  if (found.length !== unique.length) throw invalid({ municipalities: 'grants.error.municipalities' });
  return unique.sort();
}

export async function createApplication(db: Db, actor: MaybeActor, countyCode: string, input: ApplicationInput, options: { source?: 'manual' | 'demo' } = {}): Promise<string> {
  const me = assertEdit(actor, countyCode);
  return db.transaction().execute(async (trx) => insertApplication(trx, me, countyCode, input, options.source ?? 'manual'));
}

export async function insertApplication(trx: Queryable, me: Actor | null, countyCode: string, input: ApplicationInput, source: 'manual' | 'demo' | 'import', externalRef?: string): Promise<string> {
  const fund = await fundInCounty(trx, input.fundId);
  if (fund.county_code !== countyCode) throw invalid({ fundId: 'grants.error.fund' });
  if (input.callId) {
    const call = await trx.selectFrom('grant_calls').select('id').where('id', '=', input.callId).where('fund_id', '=', fund.id).executeTakeFirst();
    if (!call) throw invalid({ callId: 'grants.error.fund' });
  }
  const municipalities = await checkMunicipalities(trx, countyCode, input.municipalities);
  const row = await trx
    .insertInto('grant_applications')
    .values({
      county_code: countyCode,
      fund_id: fund.id,
      call_id: input.callId ?? null,
      applicant_name: input.applicantName,
      org_number: input.orgNumber,
      title: input.title,
      description: input.description,
      support_form: input.supportForm,
      support_year: input.supportYear,
      received_on: input.receivedOn,
      applied_sek: input.appliedSek,
      eligible_cost_sek: input.eligibleCostSek ?? null,
      special_case: input.specialCase,
      strategic_store: input.strategicStore,
      net_cost_sek: input.netCostSek ?? null,
      deliveries: input.deliveries ?? null,
      store_name: input.storeName ?? null,
      service_point_id: input.servicePointId ?? null,
      stated_distance_km: input.statedDistanceKm ?? null,
      island_without_road: input.island,
      open_all_year: input.openAllYear,
      de_minimis_regime: input.regime ?? defaultRegime(input.supportForm),
      sust_economic: input.sustEconomic,
      sust_social: input.sustSocial,
      sust_environment: input.sustEnvironment,
      sust_agenda2030: input.sustAgenda2030,
      diary_number: input.diaryNumber ?? null,
      source,
      external_ref: externalRef ?? null,
      created_by: me?.user.id ?? null
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('grant_application_municipalities').values(municipalities.map((m) => ({ application_id: row.id, municipality_code: m }))).execute();
  await recordAudit(trx, me, { action: 'create', entity: 'grantApplication', entityId: row.id, organisationId: me ? undefined : `region-${countyCode}`, after: { ...input, municipalities, source } });
  return row.id;
}

type AppRecord = NonNullable<Awaited<ReturnType<typeof loadApplication>>>;

async function loadApplication(db: Queryable, id: string, lock = false) {
  if (!isUuid(id)) return undefined;
  let q = db.selectFrom('grant_applications').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

async function municipalitiesOf(db: Queryable, id: string): Promise<{ code: string; name: string }[]> {
  return db
    .selectFrom('grant_application_municipalities as m')
    .innerJoin('municipalities as k', 'k.code', 'm.municipality_code')
    .select(['k.code', 'k.short_name as name'])
    .where('m.application_id', '=', id)
    .orderBy('k.code')
    .execute();
}

/** Reads an application if the actor may see it: whole county, or a municipality user's own municipality. */
async function readableApplication(db: Queryable, actor: MaybeActor, id: string, lock = false): Promise<{ app: AppRecord; municipalities: { code: string; name: string }[] }> {
  const app = await loadApplication(db, id, lock);
  if (!app) throw notFound();
  const scope = readScope(actor, app.county_code);
  const municipalities = await municipalitiesOf(db, id);
  if (!scope.all && !municipalities.some((m) => m.code === scope.municipalityCode)) throw notFound();
  return { app, municipalities };
}

export interface DecisionView {
  id: string;
  outcome: 'granted' | 'rejected';
  amountSek: number;
  conditions: string;
  decidedOn: string;
  reason: string;
  previousId: string | null;
  current: boolean;
  decidedBy: string | null;
  payments: { id: string; kind: 'request' | 'payment' | 'recovery'; amountSek: number; onDate: string; note: string }[];
}

export interface RuleCheck {
  year: number;
  result: RuleResult | null;
}

export interface DeMinimisPreview {
  regime: Regime;
  asOf: string;
  status: DeMinimisResult | null;
  rate: number | null;
}

export interface ApplicationDetail {
  id: string;
  countyCode: string;
  fund: { id: string; name: string; kind: FundKind };
  callTitle: string | null;
  applicantName: string;
  orgNumber: string;
  title: string;
  description: string;
  supportForm: SupportForm;
  supportYear: number;
  receivedOn: string;
  appliedSek: number;
  eligibleCostSek: number | null;
  specialCase: boolean;
  strategicStore: boolean;
  netCostSek: number | null;
  deliveries: number | null;
  storeName: string | null;
  servicePointId: string | null;
  statedDistanceKm: number | null;
  island: boolean;
  openAllYear: boolean | null;
  regime: Regime | 'none';
  sustainability: { economic: string; social: string; environment: string; agenda2030: string };
  diaryNumber: string | null;
  status: ApplicationStatus;
  source: string;
  version: number;
  municipalities: { code: string; name: string }[];
  files: { id: string; name: string; sizeBytes: number }[];
  checklist: { id: string; label: string; checked: boolean }[];
  assessment: { notes: string; strategicStatement: string; updatedAt: Date | null };
  decisions: DecisionView[];
  ruleCheck: RuleCheck;
  analysis: StoreAccessFacts | null;
  deMinimis: DeMinimisPreview | null;
  canEdit: boolean;
}

export async function getApplication(db: Queryable, actor: MaybeActor, id: string): Promise<ApplicationDetail> {
  const { app, municipalities } = await readableApplication(db, actor, id);
  const fund = await db.selectFrom('grant_funds').select(['id', 'name', 'kind']).where('id', '=', app.fund_id).executeTakeFirstOrThrow();
  const call = app.call_id ? await db.selectFrom('grant_calls').select('title').where('id', '=', app.call_id).executeTakeFirst() : undefined;
  const files = await db
    .selectFrom('grant_application_files as gf')
    .innerJoin('files', 'files.id', 'gf.file_id')
    .select(['files.id', 'files.name', 'files.size_bytes'])
    .where('gf.application_id', '=', id)
    .orderBy('files.created_at')
    .execute();
  const items = await db
    .selectFrom('grant_checklist_items')
    .select(['id', 'label', 'position'])
    .where((eb) => eb.or([eb('fund_id', 'is', null), eb('fund_id', '=', app.fund_id)]))
    .where((eb) => eb.or([eb('support_form', 'is', null), eb('support_form', '=', app.support_form)]))
    .orderBy('position')
    .orderBy('label')
    .execute();
  const assessment = await db.selectFrom('grant_assessments').selectAll().where('application_id', '=', id).executeTakeFirst();
  const checked = (assessment?.checklist ?? {}) as Record<string, boolean>;
  const analysis = app.service_point_id ? await storeAccessFacts(db, app.service_point_id) : null;
  return {
    id: app.id,
    countyCode: app.county_code,
    fund: { id: fund.id, name: fund.name, kind: fund.kind },
    callTitle: call?.title ?? null,
    applicantName: app.applicant_name,
    orgNumber: app.org_number,
    title: app.title,
    description: app.description,
    supportForm: app.support_form,
    supportYear: app.support_year,
    receivedOn: app.received_on,
    appliedSek: Number(app.applied_sek),
    eligibleCostSek: app.eligible_cost_sek === null ? null : Number(app.eligible_cost_sek),
    specialCase: app.special_case,
    strategicStore: app.strategic_store,
    netCostSek: app.net_cost_sek === null ? null : Number(app.net_cost_sek),
    deliveries: app.deliveries,
    storeName: app.store_name,
    servicePointId: app.service_point_id,
    statedDistanceKm: app.stated_distance_km,
    island: app.island_without_road,
    openAllYear: app.open_all_year,
    regime: app.de_minimis_regime,
    sustainability: { economic: app.sust_economic, social: app.sust_social, environment: app.sust_environment, agenda2030: app.sust_agenda2030 },
    diaryNumber: app.diary_number,
    status: app.status,
    source: app.source,
    version: app.version,
    municipalities,
    files: files.map((f) => ({ id: f.id, name: f.name, sizeBytes: f.size_bytes })),
    checklist: items.map((i) => ({ id: i.id, label: i.label, checked: checked[i.id] === true })),
    assessment: { notes: assessment?.notes ?? '', strategicStatement: assessment?.strategic_statement ?? '', updatedAt: assessment?.updated_at ?? null },
    decisions: await decisionsOf(db, id),
    ruleCheck: await checkRules(db, app, Number(app.applied_sek), analysis),
    analysis,
    deMinimis: app.de_minimis_regime === 'none' ? null : await deMinimisPreview(db, app.org_number, app.de_minimis_regime, todayIso(), Number(app.applied_sek), id),
    canEdit: canEdit(actor, app.county_code)
  };
}

async function decisionsOf(db: Queryable, applicationId: string): Promise<DecisionView[]> {
  const rows = await db
    .selectFrom('grant_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.id', 'd.outcome', 'd.amount_sek', 'd.conditions', 'd.decided_on', 'd.reason', 'd.previous_id', 'd.superseded_by', 'u.name as decided_by'])
    .where('d.application_id', '=', applicationId)
    .orderBy('d.created_at', 'desc')
    .execute();
  const payments = rows.length
    ? await db.selectFrom('grant_payments').selectAll().where('decision_id', 'in', rows.map((r) => r.id)).orderBy('on_date').orderBy('created_at').execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    amountSek: Number(r.amount_sek),
    conditions: r.conditions,
    decidedOn: r.decided_on,
    reason: r.reason,
    previousId: r.previous_id,
    current: r.superseded_by === null,
    decidedBy: r.decided_by,
    payments: payments.filter((p) => p.decision_id === r.id).map((p) => ({ id: p.id, kind: p.kind, amountSek: Number(p.amount_sek), onDate: p.on_date, note: p.note }))
  }));
}

/** Sum of current granted decisions for the same undertaking and store, by support form and year (this application excluded). */
async function otherGrants(db: Queryable, app: AppRecord, form: SupportForm) {
  return db
    .selectFrom('grant_applications as a')
    .innerJoin('grant_decisions as d', (j) => j.onRef('d.application_id', '=', 'a.id').on('d.superseded_by', 'is', null).on('d.outcome', '=', 'granted'))
    .select(['a.support_year', 'd.amount_sek'])
    .where('a.org_number', '=', app.org_number)
    .where('a.support_form', '=', form)
    .where('a.id', '!=', app.id)
    .where(sql<boolean>`coalesce(a.store_name, '') = ${app.store_name ?? ''}`)
    .execute();
}

/** Runs the rules of the support form for an amount (the applied amount while assessing, the decided amount when deciding). */
export async function checkRules(db: Queryable, app: AppRecord, amountSek: number, analysis: StoreAccessFacts | null): Promise<RuleCheck> {
  const year = app.support_year;
  const p = await loadParamSet(db, yearDate(year));
  switch (app.support_form) {
    case 'hemsandningsbidrag':
      return { year, result: homeDeliveryRule(p, year, { netCostSek: Number(app.net_cost_sek ?? 0), deliveries: app.deliveries ?? 0, appliedSek: amountSek }) };
    case 'investeringsbidrag':
      return { year, result: investmentGrantRule(p, year, { appliedSek: amountSek, eligibleCostSek: app.eligible_cost_sek === null ? null : Number(app.eligible_cost_sek), specialCase: app.special_case }) };
    case 'servicebidrag': {
      const previous = await otherGrants(db, app, 'servicebidrag');
      const years = new Set(previous.map((g) => g.support_year));
      years.add(year);
      const operating = (await otherGrants(db, app, 'sarskilt_driftstod')).filter((g) => g.support_year === year).reduce((s, g) => s + Number(g.amount_sek), 0);
      return { year, result: serviceGrantRule(p, year, { appliedSek: amountSek, strategic: app.strategic_store, yearsWithServiceGrant: years.size, operatingSupportSameYearSek: operating }) };
    }
    case 'sarskilt_driftstod':
      return {
        year,
        result: operatingSupportRule(p, year, {
          appliedSek: amountSek,
          statedDistanceKm: app.stated_distance_km,
          analysisDistanceKm: analysis?.distanceToNextKm ?? null,
          island: app.island_without_road,
          openAllYear: app.open_all_year
        })
      };
    default:
      return { year, result: null };
  }
}

export async function rateFor(db: Queryable, date: string): Promise<number | null> {
  const row = await db.selectFrom('grant_exchange_rates').select('sek_per_eur').where('month', '=', `${date.slice(0, 7)}-01`).executeTakeFirst();
  return row ? Number(row.sek_per_eur) : null;
}

export async function aidRows(db: Queryable, orgNumber: string, excludeApplicationId?: string) {
  let q = db
    .selectFrom('grant_de_minimis_aid as r')
    .leftJoin('grant_decisions as d', 'd.id', 'r.decision_id')
    .select(['r.id', 'r.regime', 'r.amount_sek', 'r.sek_per_eur', 'r.amount_eur_cents', 'r.decided_on', 'r.granting_body', 'r.undertaking_name', 'r.replaced_at', 'r.decision_id', 'd.application_id'])
    .where('r.org_number', '=', orgNumber);
  if (excludeApplicationId) q = q.where((eb) => eb.or([eb('d.application_id', 'is', null), eb('d.application_id', '!=', excludeApplicationId)]));
  return q.orderBy('r.decided_on', 'desc').orderBy('r.created_at', 'desc').execute();
}

/** The register's state for the undertaking at a date, and what a grant of `amountSek` would make it. */
export async function deMinimisPreview(db: Queryable, orgNumber: string, regime: Regime, asOf: string, amountSek: number, excludeApplicationId?: string): Promise<DeMinimisPreview> {
  const rate = await rateFor(db, asOf);
  const rows = (await aidRows(db, orgNumber, excludeApplicationId)).filter((r) => r.replaced_at === null);
  const p = await loadParamSet(db, asOf);
  const status = deMinimisRule(p, {
    regime,
    decisionDate: asOf,
    existing: rows.map((r) => ({ decidedOn: r.decided_on, regime: r.regime, amountEurCents: Number(r.amount_eur_cents) })),
    newEurCents: rate ? sekToEurCents(amountSek, rate) : 0
  });
  return { regime, asOf, status, rate };
}

export async function attachFile(db: Db, actor: MaybeActor, id: string, file: { name: string; bytes: Uint8Array }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const app = await loadApplication(trx, id);
    if (!app) throw notFound();
    const me = assertEdit(actor, app.county_code);
    const allowed: FileKind[] = ['pdf', 'docx', 'xlsx', 'doc', 'xls', 'png', 'jpeg'];
    const stored = await storeFile(trx, me, { name: file.name, bytes: file.bytes, organisationId: me.organisation.id, allowed });
    await trx.insertInto('grant_application_files').values({ application_id: id, file_id: stored.id }).execute();
    await recordAudit(trx, me, { action: 'attach', entity: 'grantApplication', entityId: id, after: { fileId: stored.id, name: stored.name } });
  });
}

/** A file of an application, for download, after the same read check as the application. */
export async function applicationFile(db: Queryable, actor: MaybeActor, id: string, fileId: string) {
  await readableApplication(db, actor, id);
  if (!isUuid(fileId)) throw notFound();
  const link = await db.selectFrom('grant_application_files').select('file_id').where('application_id', '=', id).where('file_id', '=', fileId).executeTakeFirst();
  if (!link) throw notFound();
  const { readFile } = await import('../files');
  const file = await readFile(db, fileId);
  if (!file) throw notFound();
  return file;
}

/** Bumps the application's version after checking the one the user read (optimistic locking). */
async function bumpVersion(trx: Queryable, app: AppRecord, readVersion: number, status?: ApplicationStatus): Promise<void> {
  if (app.version !== readVersion) throw conflict({ current: { version: app.version, status: app.status } });
  const res = await trx
    .updateTable('grant_applications')
    .set({ version: app.version + 1, updated_at: sql<Date>`now()`, ...(status ? { status } : {}) })
    .where('id', '=', app.id)
    .where('version', '=', readVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw conflict({ current: { version: app.version } });
}

export async function saveAssessment(db: Db, actor: MaybeActor, id: string, input: z.output<typeof assessmentSchema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const app = await loadApplication(trx, id, true);
    if (!app) throw notFound();
    const me = assertEdit(actor, app.county_code);
    await bumpVersion(trx, app, input.version, app.status === 'received' ? 'assessing' : undefined);
    const before = await trx.selectFrom('grant_assessments').selectAll().where('application_id', '=', id).executeTakeFirst();
    const checklist = Object.fromEntries(input.checklist.filter(isUuid).map((k) => [k, true]));
    const values = { notes: input.notes, strategic_statement: input.strategicStatement, checklist: JSON.stringify(checklist), updated_by: me.user.id, updated_at: sql<Date>`now()` };
    if (before) await trx.updateTable('grant_assessments').set({ ...values, version: before.version + 1 }).where('application_id', '=', id).execute();
    else await trx.insertInto('grant_assessments').values({ application_id: id, ...values }).execute();
    await recordAudit(trx, me, {
      action: before ? 'update' : 'create',
      entity: 'grantAssessment',
      entityId: id,
      before: before ? { notes: before.notes, strategicStatement: before.strategic_statement, checklist: before.checklist } : undefined,
      after: { notes: input.notes, strategicStatement: input.strategicStatement, checklist }
    });
  });
}

/** Renders findings for an error message or an API answer, in the request's language. */
export function renderFinding(locale: Locale, f: Finding): { rule: string; kind: string; message: string; source: string; numbers: Record<string, string | number> } {
  return { rule: f.rule, kind: f.kind, message: translate(locale, f.messageKey, f.params), source: f.source, numbers: f.params };
}

/**
 * Decides an application, or changes its decision: a change is a new row pointing at the previous one,
 * which stays (marked superseded), and its de minimis entry is marked replaced. A grant must pass the
 * support form's rules and the de minimis ceiling at the decision date; otherwise it is refused with the numbers.
 */
export async function decide(db: Db, actor: MaybeActor, id: string, input: z.output<typeof decisionSchema>, locale: Locale = 'sv'): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const app = await loadApplication(trx, id, true);
    if (!app) throw notFound();
    const me = assertEdit(actor, app.county_code);
    await bumpVersion(trx, app, input.version, input.outcome);
    const amount = input.outcome === 'granted' ? (input.amountSek ?? 0) : 0;
    let aid: { rate: number; cents: number } | null = null;
    if (input.outcome === 'granted') {
      const analysis = app.service_point_id ? await storeAccessFacts(trx, app.service_point_id) : null;
      const check = await checkRules(trx, app, amount, analysis);
      const breaches = check.result?.findings.filter((f) => f.kind === 'breach') ?? [];
      if (check.result && (!check.result.eligible || amount > check.result.maxGrantSek || breaches.length)) {
        const message = !check.result.eligible
          ? translate(locale, 'grants.decision.notEligible')
          : translate(locale, 'grants.decision.amountOverMax', { amount, max: check.result.maxGrantSek });
        throw new DomainError('validation', 'grants.decision.ruleRefused', {}, { amountSek: [message, ...breaches.map((b) => translate(locale, b.messageKey, b.params))].join(' ') }, {
          findings: breaches.map((b) => renderFinding(locale, b))
        });
      }
      if (app.de_minimis_regime !== 'none') {
        const preview = await deMinimisPreview(trx, app.org_number, app.de_minimis_regime, input.decidedOn, amount, app.id);
        if (!preview.rate) throw invalid({ decidedOn: translate(locale, 'grants.decision.noRate', { month: input.decidedOn.slice(0, 7) }) });
        if (!preview.status || preview.status.exceeds) {
          const f = preview.status?.findings[0];
          throw new DomainError('validation', 'grants.decision.ruleRefused', {}, { amountSek: f ? translate(locale, f.messageKey, f.params) : translate(locale, 'grants.decision.ruleRefused') }, {
            findings: (preview.status?.findings ?? []).map((x) => renderFinding(locale, x))
          });
        }
        aid = { rate: preview.rate, cents: sekToEurCents(amount, preview.rate) };
      }
    }
    const previous = await trx.selectFrom('grant_decisions').selectAll().where('application_id', '=', id).where('superseded_by', 'is', null).executeTakeFirst();
    const row = await trx
      .insertInto('grant_decisions')
      .values({
        application_id: id,
        outcome: input.outcome,
        amount_sek: amount,
        conditions: input.conditions,
        decided_on: input.decidedOn,
        first_decided_on: previous ? previous.first_decided_on : input.decidedOn,
        reason: input.reason,
        previous_id: previous?.id ?? null,
        decided_by: me.user.id
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (previous) {
      await trx.updateTable('grant_decisions').set({ superseded_by: row.id }).where('id', '=', previous.id).execute();
      await trx.updateTable('grant_de_minimis_aid').set({ replaced_at: sql<Date>`now()` }).where('decision_id', '=', previous.id).where('replaced_at', 'is', null).execute();
    }
    if (aid) {
      await trx
        .insertInto('grant_de_minimis_aid')
        .values({
          county_code: app.county_code,
          org_number: app.org_number,
          undertaking_name: app.applicant_name,
          regime: app.de_minimis_regime as Regime,
          amount_sek: amount,
          sek_per_eur: aid.rate,
          amount_eur_cents: aid.cents,
          decided_on: input.decidedOn,
          granting_body: me.organisation.name,
          decision_id: row.id,
          created_by: me.user.id
        })
        .execute();
    }
    await recordAudit(trx, me, {
      action: previous ? 'changeDecision' : 'decide',
      entity: 'grantDecision',
      entityId: row.id,
      before: previous ? { id: previous.id, outcome: previous.outcome, amountSek: Number(previous.amount_sek), decidedOn: previous.decided_on } : undefined,
      after: { applicationId: id, ...input, amountSek: amount, deMinimisEurCents: aid?.cents ?? null }
    });
    return row.id;
  });
}

/** Payment requests, payments and recovery against the current granted decision; payments never exceed the grant. */
export async function addPayment(db: Db, actor: MaybeActor, id: string, input: z.output<typeof paymentSchema>, locale: Locale = 'sv'): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const app = await loadApplication(trx, id, true);
    if (!app) throw notFound();
    const me = assertEdit(actor, app.county_code);
    const decision = await trx.selectFrom('grant_decisions').selectAll().where('application_id', '=', id).where('superseded_by', 'is', null).where('outcome', '=', 'granted').executeTakeFirst();
    if (!decision) throw invalid({ paymentKind: translate(locale, 'grants.decision.noDecision') });
    const chain = await trx
      .selectFrom('grant_payments as p')
      .innerJoin('grant_decisions as d', 'd.id', 'p.decision_id')
      .select(['p.kind', 'p.amount_sek'])
      .where('d.application_id', '=', id)
      .execute();
    const sum = (kind: string) => chain.filter((p) => p.kind === kind).reduce((s, p) => s + Number(p.amount_sek), 0);
    const paid = sum('payment');
    const recovered = sum('recovery');
    const granted = Number(decision.amount_sek);
    if (input.kind === 'payment' && paid - recovered + input.amountSek > granted) {
      throw invalid({ paymentAmountSek: translate(locale, 'grants.payment.overPaid', { total: paid - recovered + input.amountSek, granted }) });
    }
    if (input.kind === 'recovery' && recovered + input.amountSek > paid) {
      throw invalid({ paymentAmountSek: translate(locale, 'grants.payment.overRecovered', { total: recovered + input.amountSek, paid }) });
    }
    const row = await trx
      .insertInto('grant_payments')
      .values({ decision_id: decision.id, kind: input.kind, amount_sek: input.amountSek, on_date: input.onDate, note: input.note, created_by: me.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: input.kind, entity: 'grantPayment', entityId: row.id, after: { applicationId: id, decisionId: decision.id, ...input } });
    return row.id;
  });
}

/** Links the application to the service point it concerns, so the accessibility analysis can be shown and checked. */
export async function linkServicePoint(db: Db, actor: MaybeActor, id: string, input: { version: number; servicePointId: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const app = await loadApplication(trx, id, true);
    if (!app) throw notFound();
    const me = assertEdit(actor, app.county_code);
    await bumpVersion(trx, app, input.version);
    await trx.updateTable('grant_applications').set({ service_point_id: input.servicePointId }).where('id', '=', id).execute();
    await recordAudit(trx, me, { action: 'linkServicePoint', entity: 'grantApplication', entityId: id, before: { servicePointId: app.service_point_id }, after: { servicePointId: input.servicePointId } });
  });
}

/** Service points near a location (from the analysis), for linking; empty when no analysis exists. */
export async function nearbyServicePoints(db: Queryable, actor: MaybeActor, id: string, lon: number, lat: number, radiusKm: number) {
  const { app } = await readableApplication(db, actor, id);
  assertEdit(actor, app.county_code);
  return servicePointsNear(db, lon, lat, radiusKm);
}

/** Municipalities of a county, for forms. */
export async function countyMunicipalities(db: Queryable, countyCode: string) {
  return db.selectFrom('municipalities').select(['code', 'short_name as name']).where('county_code', '=', countyCode).orderBy('short_name').execute();
}

export type { ApplicationInput, applicationSchema };
