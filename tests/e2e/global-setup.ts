import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createScratchPostgres } from '../../src/lib/server/testing/database';

/**
 * Starts the built application (server.js over build/) once for all browser and API tests, on a free port with a
 * fresh database: a new PGlite folder, or a new database on the PostgreSQL server when DATABASE_URL is set.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const root = path.resolve(import.meta.dirname, '../..');
  const buildDir = process.env.RSP_BUILD_DIR ?? 'build';
  if (!existsSync(path.join(root, buildDir, 'handler.js'))) throw new Error(`${buildDir}/handler.js is missing: run \`npm run build\` before the e2e tests (npm test does)`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rsp-e2e-'));
  const scratch = process.env.DATABASE_URL ? await createScratchPostgres(process.env.DATABASE_URL, 'rsp_e2e') : undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    RSP_DATA_DIR: path.join(dataDir, 'db'),
    RSP_FILES_DIR: path.join(dataDir, 'files'),
    RSP_DEMO: '1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production'
  };
  if (scratch) env.DATABASE_URL = scratch.url;
  else delete env.DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ['server.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseURL = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the app exited during start:\n${output}`);
    try {
      const res = await fetch(`${baseURL}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) throw new Error(`the app did not answer /healthz within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseURL', baseURL);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill('SIGKILL');
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
