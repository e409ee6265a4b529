import type * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { recordAudit } from '../audit';
import { invalid } from '../errors';
import { translate, type Locale } from '$lib/i18n';
import { assertEdit, assertReadRegister } from './access';
import { aidRows, rateFor, todayIso } from './service';
import { deMinimisRule, loadParamSet, sekToEurCents } from './rules';
import type { declaredAidSchema } from './schemas';
import type { Regime } from './tables';

export interface RegisterGrant {
  id: string;
  decidedOn: string;
  regime: Regime;
  amountSek: number;
  sekPerEur: number;
  amountEur: number;
  grantingBody: string;
  applicationId: string | null;
  inWindow: boolean;
  replaced: boolean;
}

export interface RegisterStatus {
  orgNumber: string;
  undertakingName: string | null;
  asOf: string;
  regime: Regime;
  windowFrom: string;
  totalEur3y: number;
  ceilingEur: number;
  remainingEur: number;
  grants: RegisterGrant[];
}

/**
 * The undertaking's de minimis aid at a date: every registered row (also those outside the window and
 * those whose decision was changed, for the record) and the rolling three-year total against the ceiling
 * valid at that date. The regime defaults to that of the latest aid (general if none).
 */
export async function registerStatus(db: Queryable, actor: MaybeActor, orgNumber: string, options: { asOf?: string; regime?: Regime } = {}): Promise<RegisterStatus> {
  assertReadRegister(actor);
  const asOf = options.asOf ?? todayIso();
  const rows = await aidRows(db, orgNumber);
  const active = rows.filter((r) => r.replaced_at === null);
  const regime: Regime = options.regime ?? active[0]?.regime ?? 'general';
  const p = await loadParamSet(db, asOf);
  const result = deMinimisRule(p, {
    regime,
    decisionDate: asOf,
    existing: active.map((r) => ({ decidedOn: r.decided_on, regime: r.regime, amountEurCents: Number(r.amount_eur_cents) })),
    newEurCents: 0
  });
  return {
    orgNumber,
    undertakingName: rows[0]?.undertaking_name ?? null,
    asOf,
    regime,
    windowFrom: result.windowFrom,
    totalEur3y: result.totalEurCents / 100,
    ceilingEur: result.ceilingEurCents / 100,
    remainingEur: result.remainingEurCents / 100,
    grants: rows.map((r) => ({
      id: r.id,
      decidedOn: r.decided_on,
      regime: r.regime,
      amountSek: Number(r.amount_sek),
      sekPerEur: Number(r.sek_per_eur),
      amountEur: Number(r.amount_eur_cents) / 100,
      grantingBody: r.granting_body,
      applicationId: r.application_id,
      inWindow: r.replaced_at === null && r.decided_on > result.windowFrom && r.decided_on <= asOf && (regime === 'sgei' || r.regime === 'general'),
      replaced: r.replaced_at !== null
    }))
  };
}

/** The latest rows of the register (for the register page before a search). */
export async function recentAid(db: Queryable, actor: MaybeActor, limit = 20) {
  assertReadRegister(actor);
  const rows = await db
    .selectFrom('grant_de_minimis_aid')
    .select(['org_number', 'undertaking_name', 'regime', 'amount_sek', 'amount_eur_cents', 'decided_on', 'replaced_at'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ orgNumber: r.org_number, undertakingName: r.undertaking_name, regime: r.regime, amountSek: Number(r.amount_sek), amountEur: Number(r.amount_eur_cents) / 100, decidedOn: r.decided_on, replaced: r.replaced_at !== null }));
}

/** Registers de minimis aid the undertaking has declared from another granting body (region editors). */
export async function registerDeclaredAid(db: Db, actor: MaybeActor, input: z.output<typeof declaredAidSchema>, locale: Locale = 'sv'): Promise<string> {
  const countyCode = actor?.organisation.countyCode ?? '';
  const me = assertEdit(actor, countyCode);
  return db.transaction().execute(async (trx) => {
    const rate = await rateFor(trx, input.decidedOn);
    if (!rate) throw invalid({ decidedOn: translate(locale, 'grants.decision.noRate', { month: input.decidedOn.slice(0, 7) }) });
    const row = await trx
      .insertInto('grant_de_minimis_aid')
      .values({
        county_code: countyCode,
        org_number: input.orgNumber,
        undertaking_name: input.undertakingName,
        regime: input.regime,
        amount_sek: input.amountSek,
        sek_per_eur: rate,
        amount_eur_cents: sekToEurCents(input.amountSek, rate),
        decided_on: input.decidedOn,
        granting_body: input.grantingBody,
        decision_id: null,
        created_by: me.user.id
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'declare', entity: 'grantDeMinimisAid', entityId: row.id, after: { ...input, sekPerEur: rate } });
    return row.id;
  });
}
