import { sql } from 'kysely';
import type { Database } from './index';

/** Numbered, forward-only SQL files, embedded in the build so a deployed bundle carries its schema. */
const files = import.meta.glob('./migrations/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

export interface Migration {
  version: string;
  script: string;
}

export function listMigrations(): Migration[] {
  return Object.entries(files)
    .map(([path, script]) => ({ version: path.replace(/^.*\//, '').replace(/\.sql$/, ''), script }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

/**
 * Applies every migration not yet applied, each in its own transaction together with its bookkeeping row.
 * The table lock makes concurrent starts of several app processes on one PostgreSQL server wait for each
 * other instead of applying the same migration twice.
 */
export async function migrate(database: Database): Promise<string[]> {
  const { db } = database;
  await sql`create table if not exists schema_migrations (
    version text primary key,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const applied: string[] = [];
  for (const migration of listMigrations()) {
    await db.transaction().execute(async (trx) => {
      await sql`lock table schema_migrations in exclusive mode`.execute(trx);
      const done = await sql<{ version: string }>`select version from schema_migrations where version = ${migration.version}`.execute(trx);
      if (done.rows.length > 0) return;
      await database.execScriptInTx(trx, migration.script);
      await sql`insert into schema_migrations (version) values (${migration.version})`.execute(trx);
      applied.push(migration.version);
    });
  }
  return applied;
}
