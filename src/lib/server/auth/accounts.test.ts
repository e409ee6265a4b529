import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createActor } from '../testing/actors';
import { DomainError } from '../errors';
import { recordAudit } from '../audit';
import {
  acceptInvitation,
  createApiToken,
  inviteUser,
  listApiTokens,
  listUsers,
  revokeApiToken,
  signIn,
  THROTTLE,
  updateUser
} from './accounts';
import { actorFromApiToken, actorFromSession } from './sessions';
import type { Actor } from './actor';

let database: TestDatabase;
let admin: Actor;
let editor: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await createActor(database.db, 'region-23', 'admin', 'correct horse battery');
  editor = await createActor(database.db, 'region-23', 'editor', 'correct horse battery');
});
afterAll(async () => {
  await database?.close();
});

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('sign-in', () => {
  it('signs in with the right password and the session resolves to the actor', async () => {
    const { token, actor } = await signIn(database.db, { email: admin.user.email, password: 'correct horse battery' }, '10.0.0.1');
    expect(actor.user.id).toBe(admin.user.id);
    const fromSession = await actorFromSession(database.db, token);
    expect(fromSession?.organisation.id).toBe('region-23');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await errorOf(signIn(database.db, { email: 'nobody@test.rsp', password: 'whatever' }, '10.0.0.2'));
    const wrong = await errorOf(signIn(database.db, { email: editor.user.email, password: 'wrong password' }, '10.0.0.2'));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.messageKey).toBe(wrong.messageKey);
  });

  it('throttles after repeated failures for one address, with the same answer whether the user exists', async () => {
    const victim = await createActor(database.db, 'region-23', 'reader', 'the right password');
    for (let i = 0; i < THROTTLE.perEmail; i++) {
      expect((await errorOf(signIn(database.db, { email: victim.user.email, password: 'nope' }, `10.1.0.${i}`))).status).toBe(401);
    }
    // Even the right password waits now.
    const throttled = await errorOf(signIn(database.db, { email: victim.user.email, password: 'the right password' }, '10.1.1.1'));
    expect(throttled.status).toBe(429);
    for (let i = 0; i < THROTTLE.perEmail; i++) await errorOf(signIn(database.db, { email: 'ghost@test.rsp', password: 'nope' }, `10.2.0.${i}`));
    const ghost = await errorOf(signIn(database.db, { email: 'ghost@test.rsp', password: 'nope' }, '10.2.1.1'));
    expect(ghost.status).toBe(429);
    expect(ghost.messageKey).toBe(throttled.messageKey);
  });

  it('refuses a disabled user and ends their sessions', async () => {
    const user = await createActor(database.db, 'region-23', 'reader', 'a good password');
    const { token } = await signIn(database.db, { email: user.user.email, password: 'a good password' }, '10.3.0.1');
    const current = (await listUsers(database.db, admin, 'region-23')).find((u) => u.id === user.user.id)!;
    await updateUser(database.db, admin, user.user.id, { version: current.version, disabled: true });
    expect(await actorFromSession(database.db, token)).toBeNull();
    expect((await errorOf(signIn(database.db, { email: user.user.email, password: 'a good password' }, '10.3.0.1'))).status).toBe(401);
  });
});

describe('API tokens', () => {
  it('creates a token that authenticates until revoked, and stores only its hash', async () => {
    const created = await createApiToken(database.db, editor, { name: 'Excel-koppling' });
    expect(created.token).toMatch(/^rsp_/);
    expect((await actorFromApiToken(database.db, created.token))?.user.id).toBe(editor.user.id);
    const stored = await database.db.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.token);
    await revokeApiToken(database.db, editor, created.id);
    expect(await actorFromApiToken(database.db, created.token)).toBeNull();
    expect((await listApiTokens(database.db, editor)).find((t) => t.id === created.id)?.revokedAt).not.toBeNull();
  });

  it("cannot revoke another user's token", async () => {
    const created = await createApiToken(database.db, editor, { name: 'mine' });
    expect((await errorOf(revokeApiToken(database.db, admin, created.id))).status).toBe(404);
    expect(await actorFromApiToken(database.db, created.token)).not.toBeNull();
  });
});

describe('users of an organisation', () => {
  it('lets an admin invite a user who then sets a password and is signed in', async () => {
    const invitation = await inviteUser(database.db, admin, 'region-23', { email: 'ny.handlaggare@test.rsp', name: 'Ny handläggare', role: 'editor' });
    const { actor, sessionToken } = await acceptInvitation(database.db, invitation.token, { password: 'ett långt lösenord', confirm: 'ett långt lösenord' });
    expect(actor.organisation.id).toBe('region-23');
    expect(actor.role).toBe('editor');
    expect((await actorFromSession(database.db, sessionToken))?.user.email).toBe('ny.handlaggare@test.rsp');
    // The link works once.
    expect((await errorOf(acceptInvitation(database.db, invitation.token, { password: 'ett långt lösenord', confirm: 'ett långt lösenord' }))).status).toBe(404);
  });

  it('refuses invitations and user changes from non-admins and from other organisations', async () => {
    expect((await errorOf(inviteUser(database.db, editor, 'region-23', { email: 'x@test.rsp', name: 'X', role: 'reader' }))).status).toBe(403);
    const otherAdmin = await createActor(database.db, 'kommun-2380', 'admin');
    expect((await errorOf(inviteUser(database.db, otherAdmin, 'region-23', { email: 'y@test.rsp', name: 'Y', role: 'reader' }))).status).toBe(403);
    const target = (await listUsers(database.db, admin, 'region-23')).find((u) => u.id === editor.user.id)!;
    expect((await errorOf(updateUser(database.db, otherAdmin, editor.user.id, { version: target.version, role: 'admin' }))).status).toBe(403);
  });

  it('answers 409 to a stale version and changes nothing', async () => {
    const user = await createActor(database.db, 'region-23', 'reader');
    const before = (await listUsers(database.db, admin, 'region-23')).find((u) => u.id === user.user.id)!;
    await updateUser(database.db, admin, user.user.id, { version: before.version, role: 'editor' });
    const stale = await errorOf(updateUser(database.db, admin, user.user.id, { version: before.version, role: 'admin' }));
    expect(stale.status).toBe(409);
    const after = (await listUsers(database.db, admin, 'region-23')).find((u) => u.id === user.user.id)!;
    expect(after.role).toBe('editor');
    expect(after.version).toBe(before.version + 1);
  });

  it('never leaves an organisation without an active admin', async () => {
    const soleAdmin = await createActor(database.db, 'kommun-2313', 'admin');
    const me = (await listUsers(database.db, soleAdmin, 'kommun-2313')).find((u) => u.id === soleAdmin.user.id)!;
    expect((await errorOf(updateUser(database.db, soleAdmin, soleAdmin.user.id, { version: me.version, role: 'editor' }))).status).toBe(400);
    expect((await errorOf(updateUser(database.db, soleAdmin, soleAdmin.user.id, { version: me.version, disabled: true }))).status).toBe(400);
  });
});

describe('audit log', () => {
  it('writes who, what, before and after for a change, in the same transaction', async () => {
    const user = await createActor(database.db, 'region-23', 'reader');
    const current = (await listUsers(database.db, admin, 'region-23')).find((u) => u.id === user.user.id)!;
    await updateUser(database.db, admin, user.user.id, { version: current.version, role: 'editor' });
    const row = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user')
      .where('entity_id', '=', user.user.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(admin.user.id);
    expect(row.before).toEqual({ role: 'reader', disabled: false });
    expect(row.after).toEqual({ role: 'editor', disabled: false });
  });

  it('rolls the audit row back with a failed change', async () => {
    const marker = `rollback-${Date.now()}`;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, admin, { action: 'test', entity: 'probe', entityId: marker });
        await sql`select 1/0`.execute(trx);
      })
    ).rejects.toThrow();
    const rows = await database.db.selectFrom('audit_log').select('id').where('entity_id', '=', marker).execute();
    expect(rows).toHaveLength(0);
  });

  it('never stores secrets in before/after', async () => {
    await recordAudit(database.db, admin, { action: 'test', entity: 'probe', entityId: 'secret-check', after: { password_hash: 'x', nested: { token: 'y', ok: 1 } } });
    const row = await database.db.selectFrom('audit_log').select('after').where('entity_id', '=', 'secret-check').executeTakeFirstOrThrow();
    expect(row.after).toEqual({ nested: { ok: 1 } });
  });
});
