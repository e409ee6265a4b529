// `npm test`: builds the app (the browser tests run the real build), then runs every Vitest project:
// unit and integration tests (PGlite, or PostgreSQL when DATABASE_URL is set) and end-to-end tests in
// Debian's Chromium. RSP_SKIP_BUILD=1 reuses an existing build (CI's second, PostgreSQL run).
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.env.RSP_SKIP_BUILD !== '1') run('npm', ['run', 'build']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
