import { sql } from 'kysely';
import * as z from 'zod';
import type { Db, Queryable } from '../db';
import { DomainError, notFound, invalid } from '../errors';
import { recordAudit } from '../audit';
import { fields } from '../validation';
import type { Actor } from './actor';
import { assertCan } from './policy';
import { burnPasswordCheck, hashPassword, newSecret, sha256, verifyPassword } from './secrets';
import { actorQuery, createSession, toActor } from './sessions';
import type { Role } from '../db/schema';

/** Throttling: after 5 failures for one address within 15 minutes, or 30 from one client, sign-in waits. */
export const THROTTLE = { windowMinutes: 15, perEmail: 5, perClient: 30 } as const;

export const signInSchema = z.object({
  email: fields.email(),
  password: z.string({ error: 'error.passwordRequired' }).min(1, { error: 'error.passwordRequired' }).max(200, { error: 'error.tooLong' })
});
export type SignInInput = z.output<typeof signInSchema>;

/**
 * Unknown user, disabled user and wrong password give the same answer in the same time, so the answer
 * says nothing about which accounts exist. Throttling is checked first and answers the same for all.
 */
export async function signIn(db: Db, input: SignInInput, clientAddress: string): Promise<{ token: string; actor: Actor }> {
  const recent = await db
    .selectFrom('login_failures')
    .select([
      sql<number>`count(*) filter (where email = ${input.email})`.as('by_email'),
      sql<number>`count(*) filter (where client_address = ${clientAddress})`.as('by_client')
    ])
    .where('at', '>', sql<Date>`now() - make_interval(mins => ${THROTTLE.windowMinutes})`)
    .executeTakeFirstOrThrow();
  if (Number(recent.by_email) >= THROTTLE.perEmail || Number(recent.by_client) >= THROTTLE.perClient) {
    throw new DomainError('throttled', 'signIn.throttled', { minutes: THROTTLE.windowMinutes });
  }
  const user = await actorQuery(db)
    .select(['users.password_hash'])
    .where('users.email', '=', input.email)
    .executeTakeFirst();
  const ok = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await db.insertInto('login_failures').values({ email: input.email, client_address: clientAddress }).execute();
    throw new DomainError('unauthenticated', 'signIn.failed');
  }
  const actor = toActor(user, 'session');
  const token = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_failures').where('email', '=', input.email).execute();
    const token = await createSession(trx, actor.user.id);
    await recordAudit(trx, actor, { action: 'signIn', entity: 'user', entityId: actor.user.id });
    return token;
  });
  return { token, actor };
}

// ---------------------------------------------------------------- API tokens

export const createTokenSchema = z.object({ name: fields.name(100) });

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiTokens(db: Queryable, actor: Actor | null): Promise<ApiTokenView[]> {
  const me = assertCan(actor, 'self.manage', { type: 'self' });
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', me.user.id)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function createApiToken(db: Db, actor: Actor | null, input: z.output<typeof createTokenSchema>) {
  const me = assertCan(actor, 'self.manage', { type: 'self' });
  const token = newSecret('rsp_');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ user_id: me.user.id, name: input.name, token_hash: sha256(token), prefix: token.slice(0, 8) })
      .returning(['id', 'name', 'prefix', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, me, { action: 'create', entity: 'apiToken', entityId: row.id, after: { name: row.name, prefix: row.prefix } });
    return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, token };
  });
}

export async function revokeApiToken(db: Db, actor: Actor | null, tokenId: string): Promise<void> {
  const me = assertCan(actor, 'self.manage', { type: 'self' });
  if (!z.uuid().safeParse(tokenId).success) throw notFound();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', tokenId)
      .where('user_id', '=', me.user.id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'name'])
      .executeTakeFirst();
    if (!row) throw notFound();
    await recordAudit(trx, me, { action: 'revoke', entity: 'apiToken', entityId: row.id, after: { name: row.name } });
  });
}

// ---------------------------------------------------------------- users of an organisation

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  unit: string | null;
  title: string | null;
  disabled: boolean;
  version: number;
}

export async function listUsers(db: Queryable, actor: Actor | null, organisationId: string): Promise<UserView[]> {
  assertCan(actor, 'organisation.manageUsers', { type: 'organisation', organisationId });
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'unit', 'title', 'disabled_at', 'version'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, unit: r.unit, title: r.title, disabled: r.disabled_at !== null, version: r.version }));
}

export const inviteSchema = z.object({ email: fields.email(), name: fields.name(), role: fields.role() });
export const INVITATION_DAYS = 7;

export async function inviteUser(db: Db, actor: Actor | null, organisationId: string, input: z.output<typeof inviteSchema>) {
  const admin = assertCan(actor, 'organisation.manageUsers', { type: 'organisation', organisationId });
  const token = newSecret();
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
    if (taken) throw invalid({ email: 'error.emailTaken' }, 'error.emailTaken');
    const row = await trx
      .insertInto('invitations')
      .values({
        token_hash: sha256(token),
        email: input.email,
        name: input.name,
        role: input.role,
        organisation_id: organisationId,
        invited_by: admin.user.id,
        expires_at: sql<Date>`now() + make_interval(days => ${INVITATION_DAYS})`
      })
      .returning(['id', 'expires_at'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, admin, {
      action: 'invite',
      entity: 'invitation',
      entityId: row.id,
      organisationId,
      after: { email: input.email, name: input.name, role: input.role }
    });
    return { id: row.id, token, expiresAt: row.expires_at };
  });
}

export async function listPendingInvitations(db: Queryable, actor: Actor | null, organisationId: string) {
  assertCan(actor, 'organisation.manageUsers', { type: 'organisation', organisationId });
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'name', 'role', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findInvitation(db: Queryable, token: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('organisations', 'organisations.id', 'invitations.organisation_id')
    .select(['invitations.id', 'invitations.email', 'invitations.name', 'invitations.role', 'invitations.organisation_id', 'organisations.name as organisation_name'])
    .where('invitations.token_hash', '=', sha256(token))
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export const acceptInvitationSchema = z
  .object({ password: fields.newPassword(), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], error: 'error.passwordMismatch' });

/** The invitee sets a password; the account is created and signed in, all in one transaction. */
export async function acceptInvitation(db: Db, token: string, input: z.output<typeof acceptInvitationSchema>) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const invitation = await findInvitation(trx, token);
    if (!invitation) throw new DomainError('not_found', 'invitation.invalid');
    const taken = await trx.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst();
    if (taken) throw new DomainError('conflict', 'error.emailTaken');
    const user = await trx
      .insertInto('users')
      .values({ email: invitation.email, name: invitation.name, role: invitation.role, organisation_id: invitation.organisation_id, password_hash: passwordHash })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await trx.updateTable('invitations').set({ accepted_at: sql<Date>`now()` }).where('id', '=', invitation.id).execute();
    const actorRow = await actorQuery(trx).where('users.id', '=', user.id).executeTakeFirstOrThrow();
    const actor = toActor(actorRow, 'session');
    await recordAudit(trx, actor, {
      action: 'acceptInvitation',
      entity: 'user',
      entityId: user.id,
      after: { email: invitation.email, name: invitation.name, role: invitation.role }
    });
    const sessionToken = await createSession(trx, user.id);
    return { actor, sessionToken };
  });
}

export const updateUserSchema = z.object({
  version: z.coerce.number().int().positive(),
  role: fields.role().optional(),
  disabled: z.boolean().optional()
});

/** Role changes and disabling, with optimistic locking; an organisation never loses its last admin. */
export async function updateUser(db: Db, actor: Actor | null, userId: string, input: z.output<typeof updateUserSchema>): Promise<UserView> {
  if (!z.uuid().safeParse(userId).success) throw notFound();
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(['id', 'email', 'name', 'role', 'unit', 'title', 'disabled_at', 'version', 'organisation_id'])
      .where('id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw notFound();
    const admin = assertCan(actor, 'organisation.manageUsers', { type: 'organisation', organisationId: before.organisation_id });
    if (before.version !== input.version) throw new DomainError('conflict', 'error.conflict', {}, undefined, { current: { role: before.role, disabled: before.disabled_at !== null, version: before.version } });
    if (input.disabled && before.id === admin.user.id) throw invalid({ disabled: 'error.selfDisable' }, 'error.selfDisable');
    const role = input.role ?? before.role;
    const disabled = input.disabled ?? before.disabled_at !== null;
    const losesAdmin = before.role === 'admin' && before.disabled_at === null && (role !== 'admin' || disabled);
    if (losesAdmin) {
      const others = await trx
        .selectFrom('users')
        .select(sql<number>`count(*)`.as('n'))
        .where('organisation_id', '=', before.organisation_id)
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .where('id', '!=', before.id)
        .executeTakeFirstOrThrow();
      if (Number(others.n) === 0) throw invalid({ role: 'error.lastAdmin' }, 'error.lastAdmin');
    }
    const after = await trx
      .updateTable('users')
      .set({
        role,
        disabled_at: disabled ? (before.disabled_at ?? sql<Date>`now()`) : null,
        version: before.version + 1
      })
      .where('id', '=', userId)
      .returning(['id', 'email', 'name', 'role', 'unit', 'title', 'disabled_at', 'version'])
      .executeTakeFirstOrThrow();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await recordAudit(trx, admin, {
      action: 'update',
      entity: 'user',
      entityId: userId,
      organisationId: before.organisation_id,
      before: { role: before.role, disabled: before.disabled_at !== null },
      after: { role: after.role, disabled: after.disabled_at !== null }
    });
    return { id: after.id, email: after.email, name: after.name, role: after.role, unit: after.unit, title: after.title, disabled: after.disabled_at !== null, version: after.version };
  });
}
