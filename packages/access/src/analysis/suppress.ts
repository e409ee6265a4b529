/**
 * Small-count suppression for square-level exports.
 *
 * Primary: a count c with 0 < c < threshold is replaced by null. Zero is published (an empty square
 * reveals nobody).
 * Secondary, when rows are published together with group totals (e.g. squares of a municipality
 * and the municipality's total): total − Σ published = Σ suppressed, so one suppressed cell in a
 * group would be recovered exactly, and two small ones would reveal their small sum. In every group
 * we therefore suppress further cells (smallest non-zero first) until the suppressed sum is 0 or at
 * least `threshold` and, if non-zero, spread over at least two cells; if the group cannot satisfy
 * that, its total is suppressed instead. The residual an attacker can compute is then never a small
 * count. Without `groupBy` no totals are assumed to be published, and only primary suppression applies.
 * Counts are assumed non-negative; each field is handled independently, so do not publish derived
 * fields (e.g. "population under 70") next to their parts.
 */
export interface SuppressOptions<R> {
  threshold?: number;
  fields: (keyof R & string)[];
  /** Group key of a row when group totals are published. */
  groupBy?: (row: R) => string;
}

export type Suppressed<R, F extends string> = Omit<R, F> & { [K in F]: number | null };

export interface SuppressResult<R, F extends string> {
  rows: Suppressed<R, F>[];
  /** Per group and field, the total to publish, or null when it must be withheld. */
  totals: Map<string, Record<string, number | null>>;
}

export function suppress<R extends Record<string, unknown>, F extends keyof R & string>(rows: R[], options: SuppressOptions<R> & { fields: F[] }): SuppressResult<R, F> {
  const threshold = options.threshold ?? 5;
  const small = (c: number) => c > 0 && c < threshold;
  const out = rows.map((r) => ({ ...r })) as unknown as Suppressed<R, F>[];
  const hidden: boolean[][] = rows.map(() => options.fields.map(() => false));
  rows.forEach((r, i) =>
    options.fields.forEach((f, j) => {
      const c = Number(r[f]);
      if (small(c)) hidden[i][j] = true;
    }),
  );
  const totals = new Map<string, Record<string, number | null>>();
  if (options.groupBy) {
    const groups = new Map<string, number[]>();
    rows.forEach((r, i) => {
      const k = options.groupBy!(r);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = []));
      g.push(i);
    });
    for (const [key, members] of groups) {
      const rec: Record<string, number | null> = {};
      options.fields.forEach((f, j) => {
        let total = 0;
        for (const i of members) total += Number(rows[i][f]);
        const suppressedSum = () => members.reduce((s, i) => s + (hidden[i][j] ? Number(rows[i][f]) : 0), 0);
        const suppressedCount = () => members.reduce((s, i) => s + (hidden[i][j] && Number(rows[i][f]) > 0 ? 1 : 0), 0);
        const safe = () => {
          const s = suppressedSum();
          return s === 0 || (s >= threshold && suppressedCount() >= 2);
        };
        // Smallest published non-zero cells first: the least information lost.
        const candidates = members.filter((i) => !hidden[i][j] && Number(rows[i][f]) > 0).sort((a, b) => Number(rows[a][f]) - Number(rows[b][f]) || a - b);
        while (!safe() && candidates.length > 0) hidden[candidates.shift()!][j] = true;
        rec[f] = safe() && !small(total) ? total : null;
      });
      totals.set(key, rec);
    }
  }
  out.forEach((r, i) =>
    options.fields.forEach((f, j) => {
      (r as Record<string, unknown>)[f] = hidden[i][j] ? null : Number(rows[i][f]);
    }),
  );
  return { rows: out, totals };
}
