import { sql } from 'kysely';
import type { Database, Db, Queryable } from '../db';
import type { JobStatus } from '../db/schema';
import { log } from '../log';

/**
 * Background jobs with persisted progress. A job is a row in `jobs`; a runner in each app process claims
 * queued rows with `FOR UPDATE SKIP LOCKED` (so several processes on one PostgreSQL server never run the
 * same job twice), runs the handler registered for its kind, and writes progress, a log and the result to
 * the row as it goes. Work that outlives its process is never silently lost: on start (and on every poll
 * for other processes' jobs) a `running` row whose heartbeat stopped is either re-queued — when its kind
 * says it may simply start over — or marked failed with a message saying why.
 */
export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  organisationId: string | null;
  createdBy: string | null;
  payload: Record<string, unknown>;
  progress: number;
  message: string | null;
  log: JobLogEntry[];
  result: unknown;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface JobLogEntry {
  at: string;
  level: 'info' | 'warning' | 'error';
  text: string;
}

export interface JobContext {
  db: Db;
  job: JobRow;
  /** Records progress (0..1) and an optional message; also the heartbeat. Cheap enough to call often (throttled). */
  progress(fraction: number, message?: string): Promise<void>;
  /** Appends a line to the job's log (what was skipped and why, warnings). */
  log(text: string, level?: JobLogEntry['level']): Promise<void>;
}

export interface JobKind {
  run(context: JobContext): Promise<unknown>;
  /** Called after the job failed (thrown error or interrupted), to undo half-done work of the domain. */
  onFailure?(db: Db, job: JobRow, error: string): Promise<void>;
  /** An interrupted job of this kind starts over from the beginning (it must be idempotent). Default: fail it. */
  restartable?: boolean;
  /** How many attempts before an interrupted restartable job is failed instead. Default 3. */
  maxAttempts?: number;
}

const kinds = new Map<string, JobKind>();

export function registerJobKind(kind: string, definition: JobKind): void {
  kinds.set(kind, definition);
}

/** A job is queued inside the caller's transaction, so it exists exactly when the caller's records do. */
export async function enqueueJob(
  trx: Queryable,
  input: { kind: string; payload?: Record<string, unknown>; organisationId?: string | null; createdBy?: string | null; message?: string }
): Promise<string> {
  const row = await trx
    .insertInto('jobs')
    .values({
      kind: input.kind,
      payload: JSON.stringify(input.payload ?? {}),
      organisation_id: input.organisationId ?? null,
      created_by: input.createdBy ?? null,
      message: input.message ?? null,
      log: JSON.stringify([])
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function toJob(r: {
  id: string;
  kind: string;
  status: JobStatus;
  organisation_id: string | null;
  created_by: string | null;
  payload: unknown;
  progress: number;
  message: string | null;
  log: unknown;
  result: unknown;
  error: string | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}): JobRow {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    organisationId: r.organisation_id,
    createdBy: r.created_by,
    payload: (r.payload ?? {}) as Record<string, unknown>,
    progress: Number(r.progress),
    message: r.message,
    log: (Array.isArray(r.log) ? r.log : []) as JobLogEntry[],
    result: r.result,
    error: r.error,
    attempts: r.attempts,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at
  };
}

const COLUMNS = ['id', 'kind', 'status', 'organisation_id', 'created_by', 'payload', 'progress', 'message', 'log', 'result', 'error', 'attempts', 'created_at', 'started_at', 'finished_at'] as const;

/** The job as stored; callers check that the actor may see what the job belongs to. */
export async function getJob(db: Queryable, id: string): Promise<JobRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const r = await db.selectFrom('jobs').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? toJob(r) : undefined;
}

/** Claims the oldest queued job of a known kind, or returns undefined. */
export async function claimJob(db: Db): Promise<JobRow | undefined> {
  const known = [...kinds.keys()];
  if (!known.length) return undefined;
  const r = await db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', 'queued')
      .where('kind', 'in', known)
      .orderBy('created_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!next) return undefined;
    return trx
      .updateTable('jobs')
      .set({ status: 'running', started_at: sql<Date>`now()`, heartbeat_at: sql<Date>`now()`, attempts: sql<number>`attempts + 1`, error: null })
      .where('id', '=', next.id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  });
  return r ? toJob(r) : undefined;
}

async function appendLog(db: Queryable, id: string, entry: JobLogEntry): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ log: sql`log || ${JSON.stringify([entry])}::jsonb`, heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

async function fail(db: Db, job: JobRow, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', error, finished_at: sql<Date>`now()`, message: null })
    .where('id', '=', job.id)
    .execute();
  await appendLog(db, job.id, { at: new Date().toISOString(), level: 'error', text: error });
  try {
    await kinds.get(job.kind)?.onFailure?.(db, job, error);
  } catch (err) {
    log.error({ err, job: job.id }, 'job failure handler failed');
  }
}

/** Runs one claimed job to its end (succeeded or failed). Never throws. */
export async function runJob(db: Db, job: JobRow): Promise<void> {
  const kind = kinds.get(job.kind);
  if (!kind) return fail(db, job, `unknown job kind ${job.kind}`);
  let lastWrite = 0;
  let pending: { fraction: number; message?: string } | null = null;
  const context: JobContext = {
    db,
    job,
    async progress(fraction, message) {
      pending = { fraction: Math.max(0, Math.min(1, fraction)), message };
      const now = Date.now();
      // Progress callbacks may fire thousands of times: write at most a few times a second.
      if (now - lastWrite < 250 && fraction < 1) return;
      lastWrite = now;
      const p = pending;
      pending = null;
      await db
        .updateTable('jobs')
        .set({ progress: p.fraction, ...(p.message !== undefined ? { message: p.message } : {}), heartbeat_at: sql<Date>`now()` })
        .where('id', '=', job.id)
        .execute();
    },
    async log(text, level = 'info') {
      await appendLog(db, job.id, { at: new Date().toISOString(), level, text });
    }
  };
  const heartbeat = setInterval(() => {
    db.updateTable('jobs').set({ heartbeat_at: sql<Date>`now()` }).where('id', '=', job.id).where('status', '=', 'running').execute().catch(() => {});
  }, HEARTBEAT_MS);
  heartbeat.unref?.();
  try {
    const result = await kind.run(context);
    await db
      .updateTable('jobs')
      .set({ status: 'succeeded', progress: 1, result: JSON.stringify(result ?? null), finished_at: sql<Date>`now()`, message: null })
      .where('id', '=', job.id)
      .execute();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.warn({ err, job: job.id, kind: job.kind }, 'job failed');
    await fail(db, job, message);
  } finally {
    clearInterval(heartbeat);
  }
}

const HEARTBEAT_MS = 10_000;
/** A running job whose heartbeat is older than this belongs to a process that is gone. */
export const STALE_AFTER_SECONDS = 60;

/**
 * Finds running jobs left by a dead process. `all` (PGlite: one process owns the data folder, so at start
 * every running row is an orphan) or only those whose heartbeat stopped (PostgreSQL, several processes).
 */
export async function recoverInterruptedJobs(db: Db, options: { all: boolean }): Promise<{ requeued: string[]; failed: string[] }> {
  let query = db.selectFrom('jobs').select(COLUMNS).where('status', '=', 'running');
  if (!options.all) query = query.where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${STALE_AFTER_SECONDS})`);
  const rows = (await query.execute()).map(toJob);
  const requeued: string[] = [];
  const failed: string[] = [];
  for (const job of rows) {
    const kind = kinds.get(job.kind);
    if (kind?.restartable && job.attempts < (kind.maxAttempts ?? 3)) {
      await db.updateTable('jobs').set({ status: 'queued', progress: 0, message: null }).where('id', '=', job.id).where('status', '=', 'running').execute();
      await appendLog(db, job.id, { at: new Date().toISOString(), level: 'warning', text: 'interrupted (the server stopped); started again' });
      requeued.push(job.id);
    } else {
      await fail(db, job, 'interrupted: the server stopped while the job was running; start it again');
      failed.push(job.id);
    }
  }
  return { requeued, failed };
}

/** Runs queued jobs in this process until none is left (tests, CLI). */
export async function runQueuedJobs(db: Db): Promise<number> {
  let n = 0;
  for (;;) {
    const job = await claimJob(db);
    if (!job) return n;
    await runJob(db, job);
    n += 1;
  }
}

// ---------------------------------------------------------------- the in-process runner

let wake: (() => void) | null = null;

/** Tells this process's runner to look for work now (after committing a transaction that queued a job). */
export function wakeJobs(): void {
  wake?.();
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Starts the polling loop of this process: one job at a time (the machine's cores belong to the requests
 * and to the worker threads the jobs themselves start). Stops cleanly before the database closes.
 */
export function startJobRunner(database: Database, options: { pollMs?: number } = {}): JobRunner {
  const pollMs = options.pollMs ?? 2000;
  const db = database.db;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let lastSweep = 0;
  const loop = async () => {
    try {
      const { requeued, failed } = await recoverInterruptedJobs(db, { all: database.engine === 'pglite' });
      if (requeued.length || failed.length) log.warn({ requeued, failed }, 'interrupted jobs recovered');
    } catch (err) {
      log.error({ err }, 'job recovery failed');
    }
    while (!stopped) {
      try {
        if (database.engine === 'postgres' && Date.now() - lastSweep > STALE_AFTER_SECONDS * 1000) {
          lastSweep = Date.now();
          await recoverInterruptedJobs(db, { all: false });
        }
        const job = await claimJob(db);
        if (job) {
          current = runJob(db, job);
          await current;
          continue;
        }
      } catch (err) {
        if (stopped) break;
        log.error({ err }, 'job runner poll failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        timer.unref?.();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake?.();
      // A job in progress finishes its current step; if the process exits first, the next start recovers it.
      await Promise.race([running, new Promise((r) => setTimeout(r, 5000))]);
    }
  };
}
