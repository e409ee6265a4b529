#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UsageError } from './cli/errors.js';
import { nearestCommand } from './cli/nearest.js';

/** What a subcommand gets instead of touching process.* directly, so tests can call main(). */
export interface CliContext {
  stdout: (text: string) => void;
  /** Progress and error messages; null silences progress (errors then go to process.stderr). */
  stderr: TextSink | null;
}

export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Subcommand {
  /** One line for `rsp help`. */
  summary: string;
  /** Returns the exit code. Throw UsageError for user mistakes (exit code 2). */
  run: (args: string[], ctx: CliContext) => Promise<number>;
}

/**
 * The subcommand table. Keys are the words after `rsp`; add an entry here to add a command
 * (the lazy imports keep `rsp access nearest` from loading code it does not need).
 */
export const commands: Record<string, Subcommand> = {
  'access nearest': {
    summary: '--edges E.csv --sources S.csv --out O.csv  nearest source of every type for every node',
    run: nearestCommand,
  },
  'access import-osm': {
    summary: 'FILE.osm.pbf --out NET.bin [--points POINTS.geojson] [--nodes all|junctions]  OSM → car network + service points',
    run: async (args, ctx) => (await import('./io/cli-io.js')).importOsmCommand(args, ctx),
  },
  'access compute': {
    summary: '--net NET.bin --grid GRID.csv|.gpkg --points P.csv|.geojson --out-dir DIR [--format csv|geojson] [--suppress 5]',
    run: async (args, ctx) => (await import('./io/cli-io.js')).computeCommand(args, ctx),
  },
  'access bench': {
    summary: '[--sizes 250000,500000,1000000] [--no-scipy] [--no-parallel]  national-scale benchmark',
    run: async (args, ctx) => (await import('./bench/bench.js')).benchCommand(args, ctx),
  },
};

function usage(): string {
  return ['usage: rsp <command> [options]', ...Object.entries(commands).map(([k, c]) => `  rsp ${k} ${c.summary}`)].join('\n');
}

export async function main(argv: string[], ctx: CliContext = { stdout: (t) => process.stdout.write(t), stderr: process.stderr }): Promise<number> {
  // Longest matching command wins, so `access nearest` beats a future `access`.
  const match = Object.keys(commands)
    .filter((k) => {
      const words = k.split(' ');
      return words.every((w, i) => argv[i] === w);
    })
    .sort((a, b) => b.split(' ').length - a.split(' ').length)[0];
  if (!match) {
    const wantsHelp = argv.length === 0 || argv[0] === 'help' || argv.includes('--help');
    (ctx.stderr ?? process.stderr).write(usage() + '\n');
    return wantsHelp ? 0 : 2;
  }
  const rest = argv.slice(match.split(' ').length);
  try {
    return await commands[match].run(rest, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      (ctx.stderr ?? process.stderr).write(`rsp ${match}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

function isMainModule(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exitCode = 1;
    },
  );
}
