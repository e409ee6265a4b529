import type { Database } from '../db';
import { startJobRunner } from './index';
// Each domain's job kinds register themselves when their module loads.
import '../analysis/start';

/** Called once from the app's start-up: starts the runner and stops it before the database closes. */
export function startJobs(database: Database): void {
  const runner = startJobRunner(database);
  const close = database.close.bind(database);
  database.close = async () => {
    await runner.stop();
    await close();
  };
}
