import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createDatabase, type Database } from '../db';
import { migrate } from '../db/migrate';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or — when DATABASE_URL is
 * set — a new database created on that PostgreSQL server and dropped afterwards. The same tests run on both.
 */
export interface TestDatabase extends Database {
  name: string;
}

export function postgresUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createScratchPostgres(baseUrl: string, prefix = 'rsp_test'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: postgresUrlFor(baseUrl, name),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    }
  };
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const database = await createDatabase({});
    await migrate(database);
    return { ...database, name: 'pglite:memory' };
  }
  const scratch = await createScratchPostgres(baseUrl);
  const database = await createDatabase({ url: scratch.url, poolSize: 4 });
  await migrate(database);
  return {
    ...database,
    name: scratch.name,
    async close() {
      await database.close();
      await scratch.drop();
    }
  };
}
