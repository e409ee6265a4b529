import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDatabase } from './index';
import { createScratchPostgres } from '../testing/database';

/**
 * Kills a writing process with SIGKILL mid-stream and checks that every write it acknowledged is there
 * when the same data folder (or PostgreSQL database) is opened again — and that it can be opened again.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function writeUntilKilled(target: string, minimumAcks: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'durability-child.ts'), target], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let acknowledged = 0;
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('ack ')) acknowledged = Number(line.slice(4));
      if (acknowledged >= minimumAcks) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
  });
  await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
  return acknowledged;
}

async function countRows(target: string): Promise<{ count: number; max: number }> {
  const database = await createDatabase(target.startsWith('postgres') ? { url: target } : { dataDir: target });
  try {
    const { rows } = await sql<{ count: number; max: number }>`select count(*)::int as count, coalesce(max(n), 0)::int as max from durability_probe`.execute(database.db);
    return rows[0];
  } finally {
    await database.close();
  }
}

describe('durability: nothing acknowledged is lost when the process is killed', () => {
  it('on the configured engine, twice on the same data', async () => {
    let target: string;
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchPostgres(process.env.DATABASE_URL, 'rsp_durability');
      cleanups.push(scratch.drop);
      target = scratch.url;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'rsp-durability-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      target = path.join(dir, 'db');
    }
    const firstAcks = await writeUntilKilled(target, 40);
    const afterFirst = await countRows(target);
    expect(afterFirst.max).toBeGreaterThanOrEqual(firstAcks);
    expect(afterFirst.count).toBe(afterFirst.max);
    // Restart on the same folder/database and keep writing: it opens, and continues where it was.
    const secondAcks = await writeUntilKilled(target, afterFirst.max + 20);
    const afterSecond = await countRows(target);
    expect(afterSecond.max).toBeGreaterThanOrEqual(secondAcks);
    expect(afterSecond.count).toBe(afterSecond.max);
  }, 120_000);
});
