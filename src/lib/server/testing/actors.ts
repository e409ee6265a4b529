import type { Actor } from '../auth/actor';
import type { Queryable } from '../db';
import type { Role } from '../db/schema';
import { actorQuery, toActor } from '../auth/sessions';
import { hashPassword } from '../auth/secrets';

let counter = 0;

/** Creates a user in an organisation and returns the actor, for tests of services and the policy. */
export async function createActor(db: Queryable, organisationId: string, role: Role, password = 'test-password-123'): Promise<Actor> {
  counter += 1;
  const email = `user${counter}.${role}.${organisationId}@test.rsp`;
  const row = await db
    .insertInto('users')
    .values({ email, name: `Test ${role} ${counter}`, organisation_id: organisationId, role, password_hash: await hashPassword(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const actorRow = await actorQuery(db).where('users.id', '=', row.id).executeTakeFirstOrThrow();
  return toActor(actorRow, 'session');
}
