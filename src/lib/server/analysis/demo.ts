import type { Db } from '../db';
import type { DemoStep } from '../demo/types';
import { recordAudit } from '../audit';
import { loadEngine } from './engine';
import { DEMO_COUNTY, DEMO_YEAR, generateDemoCounty } from './demo-data';

const LABEL = 'Genererade demodata – inte verkliga';

/**
 * Loads the generated demo county (see demo-data.ts: GENERATED, NOT REAL) as four current data sets of
 * Jämtlands län. Also used by tests and the benchmark to get the same county on a fresh database.
 */
export async function seedDemoCounty(trx: Db, createdBy: string | null = null): Promise<Record<'network' | 'population' | 'service_points' | 'boundaries', string>> {
  const engine = await loadEngine();
  const demo = generateDemoCounty();
  const n = demo.network;
  const prepared = engine.prepareNetwork({
    nodeCount: n.nodeCount,
    from: Int32Array.from(n.from),
    to: Int32Array.from(n.to),
    lengthM: Float64Array.from(n.lengthM),
    minutes: Float64Array.from(n.minutes),
    lon: Float64Array.from(n.lon),
    lat: Float64Array.from(n.lat)
  });
  const bytes = new Uint8Array(engine.toSharedBuffer(prepared));
  const ids = {} as Record<'network' | 'population' | 'service_points' | 'boundaries', string>;
  const insert = async (kind: keyof typeof ids, name: string, summary: Record<string, unknown>) => {
    const row = await trx
      .insertInto('analysis_datasets')
      .values({ county_code: DEMO_COUNTY, kind, year: DEMO_YEAR, name: `${name} ${DEMO_YEAR} (${LABEL})`, status: 'current', source: 'generated-demo', generated_demo: true, summary: JSON.stringify(summary), created_by: createdBy, made_current_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[kind] = row.id;
    await recordAudit(trx, null, { action: 'create', entity: 'analysisDataset', entityId: row.id, organisationId: `region-${DEMO_COUNTY}`, after: { kind, source: 'demo' } });
  };
  await insert('boundaries', 'Kommungränser', { municipalities: demo.boundaries.length, codes: demo.boundaries.map((b) => b.code) });
  await insert('network', 'Vägnät', { nodes: prepared.network.nodeCount, edges: prepared.network.edgeCount, bytes: bytes.byteLength });
  await insert('population', 'Befolkning på km-rutor', {
    squares: demo.squares.length,
    population: demo.squares.reduce((s, x) => s + x.population, 0),
    population70plus: demo.squares.reduce((s, x) => s + x.population70plus, 0),
    has70plus: true,
    squareSize: 1000
  });
  await insert('service_points', 'Serviceställen', { points: demo.points.length });
  await trx.insertInto('analysis_boundaries').values(demo.boundaries.map((b) => ({ dataset_id: ids.boundaries, municipality_code: b.code, name: b.name, geometry: JSON.stringify(b.geometry) }))).execute();
  await trx.insertInto('analysis_network_blobs').values({ dataset_id: ids.network, bytes: Buffer.from(bytes), node_count: prepared.network.nodeCount, edge_count: prepared.network.edgeCount }).execute();
  for (let i = 0; i < demo.squares.length; i += 1000) {
    await trx
      .insertInto('analysis_squares')
      .values(
        demo.squares.slice(i, i + 1000).map((s) => ({
          dataset_id: ids.population,
          square_id: s.id,
          size: s.size,
          x: s.x,
          y: s.y,
          lon: s.lon,
          lat: s.lat,
          population: s.population,
          population_70plus: s.population70plus,
          municipality_code: s.municipalityCode
        }))
      )
      .execute();
  }
  await trx
    .insertInto('analysis_service_points')
    .values(
      demo.points.map((p) => ({
        dataset_id: ids.service_points,
        county_code: DEMO_COUNTY,
        municipality_code: p.municipalityCode,
        external_id: p.externalId,
        name: p.name,
        types: JSON.stringify(p.types),
        lon: p.lon,
        lat: p.lat,
        attributes: JSON.stringify(p.attributes),
        source: 'generated-demo'
      }))
    )
    .execute();
  return ids;
}

/** Demo content of the analysis domain: the generated county, in the demo's one transaction. */
export const demo: DemoStep = async (trx, context) => {
  const ids = await seedDemoCounty(trx, context.users['region@demo.rsp'] ?? null);
  context.ids.analysisPoints = ids.service_points;
};
