import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Queryable } from '../db';
import { assertCan } from '../auth/policy';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  /** The organisation whose log shows the entry; defaults to the actor's. */
  organisationId?: string | null;
}

/** Writes the audit row; callers pass their open transaction so the row commits with the change or not at all. */
export async function recordAudit(trx: Queryable, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      user_id: actor?.user.id ?? null,
      user_email: actor?.user.email ?? null,
      organisation_id: entry.organisationId !== undefined ? entry.organisationId : (actor?.organisation.id ?? null),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(stripSecrets(entry.before)),
      after: entry.after === undefined ? null : JSON.stringify(stripSecrets(entry.after))
    })
    .execute();
}

const SECRET_KEYS = new Set(['password_hash', 'passwordHash', 'token_hash', 'tokenHash', 'password', 'token']);

/** Hashes and tokens never enter the log, even as before/after values. */
function stripSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEYS.has(key))
        .map(([key, v]) => [key, stripSecrets(v)])
    );
  }
  return value;
}

export interface AuditRow {
  id: number;
  at: Date;
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(
  db: Queryable,
  actor: Actor | null,
  organisationId: string,
  options: { entity?: string; page?: number } = {}
): Promise<{ rows: AuditRow[]; entities: string[]; hasMore: boolean }> {
  assertCan(actor, 'organisation.readAudit', { type: 'organisation', organisationId });
  const page = Math.max(1, options.page ?? 1);
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'user_email', 'action', 'entity', 'entity_id', 'before', 'after'])
    .where('organisation_id', '=', organisationId);
  if (options.entity) query = query.where('entity', '=', options.entity);
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  const entities = await db
    .selectFrom('audit_log')
    .select(sql<string>`distinct entity`.as('entity'))
    .where('organisation_id', '=', organisationId)
    .orderBy('entity')
    .execute();
  return {
    rows: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
      id: r.id,
      at: r.at,
      userEmail: r.user_email,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after
    })),
    entities: entities.map((e) => e.entity),
    hasMore: rows.length > AUDIT_PAGE_SIZE
  };
}
