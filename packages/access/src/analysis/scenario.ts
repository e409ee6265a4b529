import type { PreparedNetwork } from '../network/prepared.js';
import { NearestSearch } from '../search/dijkstra.js';
import { searchGraph, type Metric, type NearestField, type SearchGraph } from '../search/field.js';
import { aggregate, AreaIndex, type AggregateOptions, type AggregateRow } from './aggregate.js';
import { seedUnits, type PreparedPoints, type PreparedSquares } from './inputs.js';
import { squareValue, squareValues, type NearestResults } from './nearest.js';

export interface ScenarioInput {
  /** Indices of points to close. */
  close?: number[];
  /** New points, already snapped (node and access leg). */
  add?: { id: string; types: string[]; node: number; accessM: number }[];
}

export interface SquareChange {
  square: number;
  id: string;
  type: string;
  metric: Metric;
  before: number;
  after: number;
}

export interface ScenarioResult {
  changedSquares: SquareChange[];
  /** Only the rows of areas that contain a changed square. */
  aggregates: { before: AggregateRow; after: AggregateRow }[];
  /** Nodes whose nearest point changed, per type and metric (work done, for the bench). */
  changedNodes: number;
}

/**
 * What-if evaluation against a baseline, without recomputing the country.
 * - Closing a point changes only its cell (the nodes it was nearest to). The cell is cleared and
 *   re-seeded from its boundary, whose entries are known and unaffected (removing a point never
 *   shortens a distance, and a node outside the cell keeps its optimal label), and from other
 *   points standing inside the cell; a Dijkstra restricted by construction to the cell finishes it.
 * - Adding a point runs a search from it that only continues where it improves a node.
 * Every edit is logged and undone afterwards, so the baseline stays ready for the next scenario.
 */
export class ScenarioEngine {
  private readonly search: NearestSearch;
  private readonly areaIndex: AreaIndex;
  private readonly squaresAtNode: { offsets: Int32Array; squares: Int32Array };
  private readonly baseValues = new Map<string, Float64Array>();
  private readonly baseRows = new Map<string, AggregateRow>();
  private readonly cells = new Map<string, { offsets: Int32Array; nodes: Int32Array }>();
  private readonly graphs: Partial<Record<Metric, SearchGraph>> = {};
  private readonly reverse: Partial<Record<Metric, SearchGraph>> = {};

  constructor(
    private readonly prepared: PreparedNetwork,
    private readonly points: PreparedPoints,
    private readonly squares: PreparedSquares,
    private readonly baseline: NearestResults,
    private readonly options: AggregateOptions = {},
  ) {
    const net = prepared.network;
    this.search = new NearestSearch(net.nodeCount);
    this.search.enableLog();
    this.areaIndex = new AreaIndex(squares);
    // Squares per node (CSR) to turn changed nodes into changed squares.
    const offsets = new Int32Array(net.nodeCount + 1);
    for (let i = 0; i < squares.count; i++) if (squares.node[i] >= 0) offsets[squares.node[i] + 1]++;
    for (let v = 0; v < net.nodeCount; v++) offsets[v + 1] += offsets[v];
    const fill = offsets.slice(0, net.nodeCount);
    const list = new Int32Array(offsets[net.nodeCount]);
    for (let i = 0; i < squares.count; i++) if (squares.node[i] >= 0) list[fill[squares.node[i]]++] = i;
    this.squaresAtNode = { offsets, squares: list };
    const dir = baseline.direction;
    for (const metric of Object.keys(baseline.fields) as Metric[]) {
      this.graphs[metric] = searchGraph(net, dir, metric);
      this.reverse[metric] = searchGraph(net, dir === 'toSeeds' ? 'fromSeeds' : 'toSeeds', metric);
    }
  }

  /** The baseline aggregate rows for one type (computed once, cached). */
  baselineRows(type: string): AggregateRow[] {
    return this.areaIndex.areas.map((_, a) => this.baseRow(type, a));
  }

  private values(type: string, metric: Metric): Float64Array | undefined {
    const key = `${metric}:${type}`;
    let v = this.baseValues.get(key);
    const field = this.baseline.fields[metric]?.get(type);
    if (!v && field) {
      v = squareValues(this.squares, field, metric, this.baseline.accessSpeedKmh);
      this.baseValues.set(key, v);
    }
    return v;
  }

  private baseRow(type: string, area: number): AggregateRow {
    const key = `${type}:${area}`;
    let row = this.baseRows.get(key);
    if (!row) {
      row = aggregate(this.areaIndex, this.squares, type, this.values(type, 'distance')!, this.values(type, 'time'), this.options, [area])[0];
      this.baseRows.set(key, row);
    }
    return row;
  }

  /** Nodes per nearest point (CSR by label), built once per type and metric. */
  private cellsOf(type: string, metric: Metric, field: NearestField) {
    const key = `${metric}:${type}`;
    let c = this.cells.get(key);
    if (!c) {
      const n = field.label.length;
      const offsets = new Int32Array(this.points.count + 1);
      for (let v = 0; v < n; v++) if (field.label[v] >= 0) offsets[field.label[v] + 1]++;
      for (let p = 0; p < this.points.count; p++) offsets[p + 1] += offsets[p];
      const fill = offsets.slice(0, this.points.count);
      const nodes = new Int32Array(offsets[this.points.count]);
      for (let v = 0; v < n; v++) if (field.label[v] >= 0) nodes[fill[field.label[v]]++] = v;
      c = { offsets, nodes };
      this.cells.set(key, c);
    }
    return c;
  }

  evaluate(input: ScenarioInput): ScenarioResult {
    const closed = new Set(input.close ?? []);
    const added = input.add ?? [];
    const types = new Set<string>();
    for (const p of closed) for (const t of this.points.types[p] ?? []) types.add(t);
    for (const a of added) for (const t of a.types) types.add(t);
    const changedSquares: SquareChange[] = [];
    const aggregates: ScenarioResult['aggregates'] = [];
    let changedNodes = 0;
    const speed = this.baseline.accessSpeedKmh;
    for (const type of [...types].sort()) {
      const touchedSquares = new Set<number>();
      const newValues: Partial<Record<Metric, Map<number, number>>> = {};
      for (const metric of Object.keys(this.baseline.fields) as Metric[]) {
        let field = this.baseline.fields[metric]!.get(type);
        if (!field) {
          // A type with no points yet (a scenario adds the first one): its baseline is "unreachable".
          const n = this.prepared.network.nodeCount;
          field = { dist: new Float64Array(n).fill(Infinity), label: new Int32Array(n).fill(-1) };
          this.baseline.fields[metric]!.set(type, field);
        }
        const { dist, label } = field;
        // Baseline square values are cached lazily: take them before the field is edited.
        const before = this.values(type, metric)!;
        this.applyScenario(type, metric, field, closed, added);
        changedNodes += this.search.logCount;
        const values = new Map<number, number>();
        newValues[metric] = values;
        const { offsets, squares: at } = this.squaresAtNode;
        for (let i = 0; i < this.search.logCount; i++) {
          const v = this.search.logNodes![i];
          if (dist[v] === this.search.logDist![i] && label[v] === this.search.logLabel![i]) continue;
          for (let k = offsets[v]; k < offsets[v + 1]; k++) {
            const s = at[k];
            const after = squareValue(this.squares, s, dist, metric, speed);
            values.set(s, after);
            touchedSquares.add(s);
            const b = before[s];
            if (!(after === b || (Number.isNaN(after) && Number.isNaN(b)))) {
              changedSquares.push({ square: s, id: this.squares.ids[s], type, metric, before: b, after });
            }
          }
        }
        this.search.undo(dist, label);
      }
      if (touchedSquares.size === 0) continue;
      // Refresh the rows of every area holding a touched square, on patched copies of the values.
      const areas = new Set<number>();
      for (const s of touchedSquares) for (const a of this.areaIndex.areasOfSquare[s]) areas.add(a);
      const metres = this.values(type, 'distance')!;
      const minutes = this.values(type, 'time');
      const patch = (arr: Float64Array | undefined, m: Map<number, number> | undefined) => {
        const saved: [number, number][] = [];
        if (arr && m) for (const [s, x] of m) { saved.push([s, arr[s]]); arr[s] = x; }
        return saved;
      };
      const savedM = patch(metres, newValues.distance);
      const savedT = patch(minutes, newValues.time);
      const after = aggregate(this.areaIndex, this.squares, type, metres, minutes, this.options, [...areas].sort((a, b) => a - b));
      for (const [s, x] of savedM) metres[s] = x;
      if (minutes) for (const [s, x] of savedT) minutes[s] = x;
      const ordered = [...areas].sort((a, b) => a - b);
      ordered.forEach((a, i) => aggregates.push({ before: this.baseRow(type, a), after: after[i] }));
    }
    return { changedSquares, aggregates, changedNodes };
  }

  /** Edits the field in place (logged in this.search) to the scenario's state. */
  private applyScenario(type: string, metric: Metric, field: NearestField, closed: Set<number>, added: NonNullable<ScenarioInput['add']>): void {
    const { dist, label } = field;
    const g = this.graphs[metric]!;
    const rev = this.reverse[metric]!;
    const search = this.search;
    search.resetLog();
    const closedOfType = [...closed].filter((p) => this.points.types[p]?.includes(type));
    if (closedOfType.length > 0) {
      const cells = this.cellsOf(type, metric, field);
      const inCell = new Set<number>();
      for (const p of closedOfType) {
        for (let k = cells.offsets[p]; k < cells.offsets[p + 1]; k++) {
          const v = cells.nodes[k];
          search.noteChange(v, dist, label);
          dist[v] = Infinity;
          label[v] = -1;
          inCell.add(v);
        }
      }
      const seeds: number[] = [];
      for (const v of inCell) {
        // Boundary: nodes outside the cell with an arc into it keep their (optimal) entries.
        for (let e = rev.offsets[v]; e < rev.offsets[v + 1]; e++) {
          const u = rev.targets[e];
          if (!inCell.has(u) && dist[u] < Infinity) seeds.push(u);
        }
      }
      // Points of the type standing inside the cell (they lost a tie, or sit on the same node).
      for (let p = 0; p < this.points.count; p++) {
        const v = this.points.node[p];
        if (v < 0 || closed.has(p) || !inCell.has(v) || !this.points.types[p].includes(type)) continue;
        const d = seedUnits(this.points.accessM[p], metric, this.baseline.accessSpeedKmh);
        if (d < dist[v] || (d === dist[v] && p < label[v])) {
          dist[v] = d;
          label[v] = p;
        }
        seeds.push(v);
      }
      search.run(g.offsets, g.targets, g.weights, dist, label, seeds);
    }
    added.forEach((a, k) => {
      if (!a.types.includes(type) || a.node < 0) return;
      const lab = this.points.count + k;
      const d = seedUnits(a.accessM, metric, this.baseline.accessSpeedKmh);
      if (d < dist[a.node] || (d === dist[a.node] && lab < label[a.node])) {
        search.noteChange(a.node, dist, label);
        dist[a.node] = d;
        label[a.node] = lab;
        search.run(g.offsets, g.targets, g.weights, dist, label, [a.node]);
      }
    });
  }
}
