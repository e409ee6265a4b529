import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import type { DB } from './schema';
import { PGliteDialect } from './pglite-dialect';
import { log } from '../log';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Kysely<DB>;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations) inside an open transaction. */
  execScriptInTx(trx: Tx, script: string): Promise<void>;
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

/**
 * Both engines must return the same JavaScript values: bigint columns as numbers (money in whole kronor
 * stays far below 2^53) and dates as 'YYYY-MM-DD' strings (a Date would shift with the server's time zone).
 */
const toNumber = (value: string) => Number(value);
const keepString = (value: string) => value;

export interface DatabaseConfig {
  /** postgres://… — a real PostgreSQL server. When absent, embedded PGlite is used. */
  url?: string;
  /** PGlite data folder; omitted → in-memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.url) return createPostgres(config.url, config.poolSize ?? 10);
  return createPGlite(config.dataDir);
}

async function createPGlite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    parsers: { [INT8]: toNumber, [DATE]: keepString }
  });
  await pglite.exec(`set timezone = 'UTC'`);
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    async execScriptInTx(_trx, script) {
      // The open transaction holds PGlite's only connection, so the script runs inside it.
      await pglite.exec(script);
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    }
  };
}

async function createPostgres(url: string, max: number): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return toNumber;
      if (oid === DATE) return keepString;
      return pg.types.getTypeParser(oid, format);
    }
  };
  const pool = new pg.Pool({ connectionString: url, max, types: types as pg.CustomTypesConfig });
  // An idle client that loses its connection emits 'error' on the pool; without a listener Node would
  // treat it as unhandled and end the process. The pool replaces the client on the next checkout.
  pool.on('error', (err) => log.warn({ err }, 'idle PostgreSQL connection lost'));
  pool.on('connect', (client) => {
    client.query(`set timezone = 'UTC'`).catch(() => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async execScriptInTx(trx, script) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await sql.raw(script).execute(trx);
    },
    async close() {
      await db.destroy();
    }
  };
}

/** The database's clock, so every process agrees on "now" (and tests can rely on it). */
export async function dbNow(db: Queryable): Promise<Date> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  return rows[0].now;
}
