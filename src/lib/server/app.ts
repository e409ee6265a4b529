import { createDatabase, type Database } from './db';
import { migrate } from './db/migrate';
import { loadDemoIfEmpty } from './demo';
import { log } from './log';
import { startJobs } from './jobs/start';

/**
 * The process-wide application state: one database handle (PGlite allows exactly one per data folder).
 * Started once by the server's init hook; tests start their own with `startApp`.
 */
export interface AppConfig {
  databaseUrl?: string;
  dataDir?: string;
  loadDemo: boolean;
}

export function configFromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.RSP_DATA_DIR ?? 'data/db',
    // Demo accounts have a published password: never in production unless asked for explicitly.
    loadDemo: env.RSP_DEMO === '1' || (!production && env.RSP_DEMO !== '0')
  };
}

export async function startApp(config: AppConfig): Promise<Database> {
  const database = await createDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  const applied = await migrate(database);
  if (applied.length) log.info({ applied }, 'migrations applied');
  if (config.loadDemo && (await loadDemoIfEmpty(database.db))) log.info('demo data loaded');
  startJobs(database);
  return database;
}

let current: Database | undefined;

export function setApp(database: Database): void {
  current = database;
}

export function app(): Database {
  if (!current) throw new Error('The application has not been started');
  return current;
}
