/**
 * Benchmark (never a test): POST /api/v1/analysis/scenarios/evaluate on the demo county.
 *
 *   npx tsx scripts/bench-analysis.ts [--runs 100]
 *
 * Starts the app's services on a fresh in-memory PGlite, loads the generated demo county, then times what
 * the endpoint does for one closure: validate the body with the endpoint's schema, evaluate, serialise the
 * JSON answer. The first call (which computes the county's baseline) is reported on its own row.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase } from '../src/lib/server/db';
import type { Db } from '../src/lib/server/db';
import type { Actor } from '../src/lib/server/auth/actor';
import { seedDemoCounty } from '../src/lib/server/analysis/demo';
import { evaluateScenario, evaluateSchema } from '../src/lib/server/analysis/service';
import { TEST_VILLAGE_STORE } from '../src/lib/server/analysis/demo-data';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 100;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const database = await createDatabase({});
// The app embeds its migrations with Vite; here they are read from disk in the same order.
const dir = path.join(root, 'src/lib/server/db/migrations');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
  await database.db.transaction().execute(async (trx) => database.execScriptInTx(trx, readFileSync(path.join(dir, file), 'utf8')));
}
const db = database.db as Db;
let t = performance.now();
await db.transaction().execute(async (trx) => {
  await seedDemoCounty(trx as unknown as Db);
});
const seedMs = performance.now() - t;

const actor: Actor = {
  user: { id: '00000000-0000-0000-0000-000000000000', email: 'bench@demo.rsp', name: 'Bench', unit: null, title: null },
  organisation: { id: 'region-23', name: 'Region Jämtland Härjedalen', kind: 'region', countyCode: '23', municipalityCode: null },
  role: 'editor',
  via: 'session'
};
const stores = await db.selectFrom('analysis_service_points').select(['id', 'name', 'types']).execute();
const village = stores.find((s) => s.name === TEST_VILLAGE_STORE)!;
const groceries = stores.filter((s) => (s.types as string[]).includes('grocery'));

async function once(closeId: string): Promise<{ ms: number; engineMs: number }> {
  const start = performance.now();
  const input = evaluateSchema.parse(JSON.parse(JSON.stringify({ area: '23', serviceType: 'grocery', close: [closeId], add: [] })));
  const result = await evaluateScenario(db, actor, input);
  JSON.stringify(result);
  return { ms: performance.now() - start, engineMs: result.computeMs };
}

t = performance.now();
await once(village.id);
const firstMs = performance.now() - t;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
};
const villageMs: number[] = [];
const villageEngine: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await once(village.id);
  villageMs.push(r.ms);
  villageEngine.push(r.engineMs);
}
const mixed: number[] = [];
for (let i = 0; i < runs; i++) mixed.push((await once(groceries[i % groceries.length].id)).ms);

const f = (x: number) => x.toFixed(1).padStart(8);
const rows = [
  ['seed demo county (generate + prepare network + insert)', seedMs, seedMs, 1],
  ['first evaluate (loads the county, computes the baseline)', firstMs, firstMs, 1]
] as [string, number, number, number][];
const v = stats(villageMs);
const ve = stats(villageEngine);
const m = stats(mixed);
console.log(`\nscenarios/evaluate on the demo county (${groceries.length} grocery stores), ${runs} runs each, Node ${process.version}\n`);
console.log(`${'what'.padEnd(62)}${'median ms'.padStart(10)}${'p95 ms'.padStart(10)}${'max ms'.padStart(10)}`);
for (const [name, a] of rows) console.log(`${name.padEnd(62)}${f(a)}  ${''.padStart(8)}  ${''.padStart(8)}`);
console.log(`${'close the village store: whole request path'.padEnd(62)}${f(v.median)}  ${f(v.p95)}  ${f(v.max)}`);
console.log(`${'  of which the engine and figures (computeMs)'.padEnd(62)}${f(ve.median)}  ${f(ve.p95)}  ${f(ve.max)}`);
console.log(`${'close one grocery store, each in turn: whole request path'.padEnd(62)}${f(m.median)}  ${f(m.p95)}  ${f(m.max)}`);
console.log(`\ntarget: median <= 100 ms -> ${v.median <= 100 && m.median <= 100 ? 'met' : 'NOT met'}`);
await database.close();
