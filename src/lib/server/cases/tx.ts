import type { Db, Tx } from '../db';

/**
 * Runs `fn` in a transaction, or inside the caller's when it already is one (the demo loader runs every
 * step in one transaction, and Kysely refuses a nested `transaction()`).
 */
export function inTx<T>(db: Db, fn: (trx: Tx | Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute(fn);
}
