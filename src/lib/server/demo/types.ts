import type { Db } from '../db';

/** A demo step gets the open transaction (typed as the database) and what earlier steps created. */
export type DemoStep = (trx: Db, context: DemoContext) => Promise<void>;
export interface DemoContext {
  /** User ids of the demo accounts, by e-mail. */
  users: Record<string, string>;
  /** Anything a step wants later steps to find (ids of programmes, plans, cases …), by a name it documents. */
  ids: Record<string, string>;
}
