import { sql } from 'kysely';
import type * as z from 'zod';
import type { Db, Queryable } from '../db';
import type { MaybeActor } from '../auth/actor';
import { assertCan, can, requireActor } from '../auth/policy';
import { recordAudit } from '../audit';
import { invalid } from '../errors';
import { translate, type Locale } from '$lib/i18n';
import type { parameterSchema, rateSchema } from './schemas';

/** The dated rule parameters and exchange rates: read by every signed-in user, changed by rules.administer. */
export async function listParameters(db: Queryable, actor: MaybeActor) {
  requireActor(actor);
  const rows = await db
    .selectFrom('grant_rule_parameters as p')
    .leftJoin('users as u', 'u.id', 'p.changed_by')
    .select(['p.id', 'p.key', 'p.value', 'p.valid_from', 'p.valid_to', 'p.source', 'p.changed_at', 'u.name as changed_by'])
    .orderBy('p.key')
    .orderBy('p.valid_from', 'desc')
    .execute();
  return {
    parameters: rows.map((r) => ({ id: r.id, key: r.key, value: Number(r.value), validFrom: r.valid_from, validTo: r.valid_to, source: r.source, changedAt: r.changed_at, changedBy: r.changed_by })),
    keys: [...new Set(rows.map((r) => r.key))].sort(),
    canAdminister: can(actor, 'rules.administer', { type: 'public' })
  };
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * A new value from a date. The value open until further notice is closed the day before; nothing is
 * deleted or rewritten, so a case assessed under the old value can still be re-checked under it.
 */
export async function addParameterValue(db: Db, actor: MaybeActor, input: z.output<typeof parameterSchema>, locale: Locale = 'sv'): Promise<string> {
  const me = assertCan(actor, 'rules.administer', { type: 'public' });
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('grant_rule_parameters').selectAll().where('key', '=', input.key).forUpdate().execute();
    if (!existing.length) throw invalid({ key: 'grants.rules.unknownKey' });
    if (input.validTo && input.validTo < input.validFrom) throw invalid({ validTo: 'grants.error.date' });
    const newTo = input.validTo ?? null;
    const overlapping = existing.filter((r) => (r.valid_to === null || r.valid_to >= input.validFrom) && (newTo === null || r.valid_from <= newTo));
    for (const r of overlapping) {
      if (r.valid_to === null && r.valid_from < input.validFrom) continue;
      throw invalid({ validFrom: translate(locale, 'grants.rules.validFromTooEarly', { from: r.valid_from }) });
    }
    for (const r of overlapping) {
      const closed = await trx
        .updateTable('grant_rule_parameters')
        .set({ valid_to: dayBefore(input.validFrom), version: r.version + 1 })
        .where('id', '=', r.id)
        .where('version', '=', r.version)
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) throw invalid({ validFrom: 'error.conflict' });
      await recordAudit(trx, me, { action: 'close', entity: 'grantRuleParameter', entityId: r.id, before: { validTo: r.valid_to }, after: { validTo: dayBefore(input.validFrom) } });
    }
    const row = await trx
      .insertInto('grant_rule_parameters')
      .values({ key: input.key, value: input.value, valid_from: input.validFrom, valid_to: newTo, source: input.source, changed_by: me.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'create', entity: 'grantRuleParameter', entityId: row.id, after: input });
    return row.id;
  });
}

export async function listRates(db: Queryable, actor: MaybeActor) {
  requireActor(actor);
  const rows = await db.selectFrom('grant_exchange_rates').selectAll().orderBy('month', 'desc').execute();
  return rows.map((r) => ({ month: r.month.slice(0, 7), sekPerEur: Number(r.sek_per_eur), source: r.source, changedAt: r.changed_at }));
}

export async function setRate(db: Db, actor: MaybeActor, input: z.output<typeof rateSchema>): Promise<void> {
  const me = assertCan(actor, 'rules.administer', { type: 'public' });
  const month = `${input.month}-01`;
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('grant_exchange_rates').selectAll().where('month', '=', month).forUpdate().executeTakeFirst();
    if (before) {
      await trx
        .updateTable('grant_exchange_rates')
        .set({ sek_per_eur: input.sekPerEur, source: input.source, changed_by: me.user.id, changed_at: sql<Date>`now()`, version: before.version + 1 })
        .where('month', '=', month)
        .execute();
    } else {
      await trx.insertInto('grant_exchange_rates').values({ month, sek_per_eur: input.sekPerEur, source: input.source, changed_by: me.user.id }).execute();
    }
    // Aid already registered keeps the rate it was converted at; the audit row keeps the old rate.
    await recordAudit(trx, me, { action: before ? 'update' : 'create', entity: 'grantExchangeRate', entityId: input.month, before: before ? { sekPerEur: Number(before.sek_per_eur), source: before.source } : undefined, after: input });
  });
}
