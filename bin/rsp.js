#!/usr/bin/env node
// The `rsp` command line. `rsp access …` runs the accessibility engine's commands (packages/access).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);

const usage = `usage: rsp <command> …

commands:
  access …    the accessibility engine: nearest, import-osm, compute, bench (rsp access --help)`;

if (command === 'access') {
  const cli = path.join(root, 'packages/access/dist/cli.js');
  if (!existsSync(cli)) {
    console.error('rsp: the engine is not built yet: run `npm run build -w @rsp/access` (npm start and npm test do)');
    process.exit(2);
  }
  const { main } = await import(cli);
  const code = await main(['access', ...rest]);
  process.exitCode = typeof code === 'number' ? code : process.exitCode;
} else {
  console.log(usage);
  process.exitCode = command && command !== '--help' && command !== '-h' ? 2 : 0;
}
