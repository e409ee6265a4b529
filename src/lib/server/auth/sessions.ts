import { sql } from 'kysely';
import type { Queryable } from '../db';
import type { Actor } from './actor';
import { newSecret, sha256 } from './secrets';

/** Sessions end after 12 hours without activity and after 30 days at most. */
const IDLE_HOURS = 12;
const MAX_DAYS = 30;

export const SESSION_COOKIE = 'rsp_session';
export const SESSION_MAX_AGE_SECONDS = IDLE_HOURS * 3600;

export async function createSession(db: Queryable, userId: string): Promise<string> {
  const token = newSecret();
  await db
    .insertInto('sessions')
    .values({ id: sha256(token), user_id: userId, expires_at: sql<Date>`now() + make_interval(hours => ${IDLE_HOURS})` })
    .execute();
  return token;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/** Loads the actor behind a session cookie and slides its idle expiry; expired or disabled → null. */
export async function actorFromSession(db: Queryable, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const row = await actorQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('sessions.created_at', '>', sql<Date>`now() - make_interval(days => ${MAX_DAYS})`)
    .select(['sessions.last_seen_at'])
    .executeTakeFirst();
  if (!row) return null;
  // Touch at most every few minutes so reads do not turn into writes on every request.
  if (Date.now() - new Date(row.last_seen_at).getTime() > 5 * 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now()`, expires_at: sql<Date>`now() + make_interval(hours => ${IDLE_HOURS})` })
      .where('id', '=', id)
      .execute();
  }
  return toActor(row, 'session');
}

export async function actorFromApiToken(db: Queryable, token: string): Promise<Actor | null> {
  const tokenHash = sha256(token);
  const row = await actorQuery(db)
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .select(['api_tokens.id as token_id'])
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable('api_tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', row.token_id).execute();
  return toActor(row, 'token');
}

export function actorQuery(db: Queryable) {
  return db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
    .where('users.disabled_at', 'is', null)
    .select([
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.unit',
      'users.title',
      'users.role',
      'organisations.id as organisation_id',
      'organisations.name as organisation_name',
      'organisations.kind',
      'organisations.county_code',
      'organisations.municipality_code'
    ]);
}

type ActorRow = {
  user_id: string;
  email: string;
  name: string;
  unit: string | null;
  title: string | null;
  role: Actor['role'];
  organisation_id: string;
  organisation_name: string;
  kind: Actor['organisation']['kind'];
  county_code: string | null;
  municipality_code: string | null;
};

export function toActor(row: ActorRow, via: Actor['via']): Actor {
  return {
    user: { id: row.user_id, email: row.email, name: row.name, unit: row.unit, title: row.title },
    organisation: {
      id: row.organisation_id,
      name: row.organisation_name,
      kind: row.kind,
      countyCode: row.county_code?.trim() ?? null,
      municipalityCode: row.municipality_code?.trim() ?? null
    },
    role: row.role,
    via
  };
}
