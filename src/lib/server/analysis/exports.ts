import type * as z from 'zod';
import type { MaybeActor } from '../auth/actor';
import type { Queryable } from '../db';
import { renderXlsx, type Sheet } from '../documents/xlsx';
import { translate, type Locale } from '$lib/i18n';
import { accessibility, squaresGeoJson, type accessibilityQuery, type AreaFigures, type Band } from './service';
import { getScenario } from './scenarios';
import { SUPPRESS_THRESHOLD } from './types';

/**
 * Downloads built from the same view models as the pages: the tables to Excel and CSV, squares and points
 * to GeoJSON. Square-level populations below the threshold are suppressed (squaresGeoJson does it); the
 * tables hold sums over whole municipalities, which are published figures.
 */
export interface Export {
  body: Buffer | string;
  filename: string;
  kind: 'xlsx' | 'csv' | 'geojson';
}

const bandLabel = (locale: Locale, b: Band) =>
  b.toKm === null ? translate(locale, 'analysis.bandOpen', { from: b.fromKm }) : translate(locale, 'analysis.bandRange', { from: b.fromKm, to: b.toKm });

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** Semicolon-separated with a BOM: what Swedish Excel opens correctly by double-click. */
function toCsv(header: string[], rows: unknown[][]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

function figureRows(locale: Locale, areas: AreaFigures[]) {
  const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
  const bands = areas[0]?.bands ?? [];
  const header = [t('common.code'), t('analysis.area'), t('analysis.population'), t('analysis.population70')];
  for (const b of bands) header.push(`${bandLabel(locale, b)}`, `${bandLabel(locale, b)} ${t('analysis.population70short')}`);
  header.push(t('analysis.unreachable'), t('analysis.meanKm'), t('analysis.medianKm'), t('analysis.within10'));
  const rows = areas.map((a) => [
    a.code,
    a.name,
    a.population,
    a.population70plus,
    ...a.bands.flatMap((b) => [b.population, b.population70plus]),
    a.unreachablePopulation,
    a.meanKm,
    a.medianKm,
    a.shareWithin10Km
  ]);
  return { header, rows };
}

function sheetOf(name: string, header: string[], rows: unknown[][]): Sheet {
  return {
    name,
    columns: header.map((h, i) => ({ header: h, key: `c${i}`, kind: i < 2 ? 'text' : /km|%|Andel|Share|Median|Medel|Mean/i.test(h) ? 'decimal' : 'integer' })),
    rows: rows.map((r) => Object.fromEntries(r.map((v, i) => [`c${i}`, v as string | number | null])))
  };
}

export async function accessibilityExport(db: Queryable, actor: MaybeActor, query: z.output<typeof accessibilityQuery>, format: 'xlsx' | 'csv', locale: Locale = 'sv'): Promise<Export> {
  const view = await accessibility(db, actor, query);
  const type = translate(locale, `analysis.type.${query.serviceType}` as never);
  const total: AreaFigures = { code: view.area.code, name: view.area.name, population: view.population, population70plus: view.population70plus, unreachablePopulation: view.unreachablePopulation, bands: view.bands, meanKm: view.meanKm, medianKm: view.medianKm, shareWithin10Km: view.shareWithin10Km, beyond10Km: 0 };
  const areas = view.area.level === 'county' ? [...view.municipalities, total] : [total];
  const { header, rows } = figureRows(locale, areas);
  const base = `tillganglighet-${query.serviceType}-${view.area.code}-${view.dataset.year}`;
  if (format === 'csv') return { body: toCsv(header, rows), filename: `${base}.csv`, kind: 'csv' };
  const about = [
    [translate(locale, 'analysis.serviceType'), type],
    [translate(locale, 'analysis.area'), view.area.name],
    [translate(locale, 'analysis.data.year'), view.dataset.year],
    [translate(locale, 'analysis.data.source'), `${view.dataset.population.name}; ${view.dataset.network.name}; ${view.dataset.servicePoints.name}`],
    ['computedAt', view.dataset.computedAt]
  ];
  const body = await renderXlsx([sheetOf(type, header, rows), sheetOf('Om', ['', ''], about)], { title: `${translate(locale, 'analysis.access.title')} – ${type}` });
  return { body, filename: `${base}.xlsx`, kind: 'xlsx' };
}

export async function squaresExport(db: Queryable, actor: MaybeActor, query: z.output<typeof accessibilityQuery>): Promise<Export> {
  const fc = await squaresGeoJson(db, actor, query);
  return { body: JSON.stringify(fc), filename: `rutor-${query.serviceType}-${query.area}.geojson`, kind: 'geojson' };
}

export async function scenarioExport(db: Queryable, actor: MaybeActor, id: string, format: 'xlsx' | 'csv' | 'geojson', locale: Locale = 'sv'): Promise<Export> {
  const s = await getScenario(db, actor, id);
  const r = s.saved;
  const slug = s.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w]+/g, '-').toLowerCase().slice(0, 60) || 'scenario';
  const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);
  if (format === 'geojson') {
    // Changed squares with distances before and after, suppressed like every square-level export.
    const all = await squaresGeoJson(db, actor, { area: s.area, serviceType: s.serviceType as never });
    const changed = new Map(r.changedSquares.map((c) => [c.id, c]));
    const features = all.features
      .filter((f) => changed.has(String(f.id)))
      .map((f) => {
        const c = changed.get(String(f.id))!;
        return { ...f, properties: { ...f.properties, distanceKm: undefined, band: undefined, beforeKm: c.beforeKm, afterKm: c.afterKm, beforeBand: c.beforeBand, afterBand: c.afterBand } };
      });
    const points = [
      ...r.added.map((a) => ({ type: 'Feature' as const, properties: { change: 'added', name: a.name, types: a.types.join(',') }, geometry: { type: 'Point', coordinates: [a.lon, a.lat] } }))
    ];
    return {
      body: JSON.stringify({ type: 'FeatureCollection', metadata: { scenario: s.name, note: s.note, closed: r.closed, suppressionThreshold: SUPPRESS_THRESHOLD }, features: [...features, ...points] }),
      filename: `scenario-${slug}.geojson`,
      kind: 'geojson'
    };
  }
  const header = [t('analysis.band'), `${t('analysis.scenarios.today')} – ${t('analysis.population')}`, `${t('analysis.scenarios.scenario')} – ${t('analysis.population')}`, t('analysis.scenarios.change'), `${t('analysis.scenarios.today')} – 70+`, `${t('analysis.scenarios.scenario')} – 70+`];
  const rows: unknown[][] = r.before.bands.map((b, i) => [bandLabel(locale, b), b.population, r.after.bands[i].population, r.after.bands[i].population - b.population, b.population70plus, r.after.bands[i].population70plus]);
  rows.push([t('analysis.beyond10'), r.before.beyond10Km, r.after.beyond10Km, r.after.beyond10Km - r.before.beyond10Km, null, null]);
  if (format === 'csv') return { body: toCsv(header, rows), filename: `scenario-${slug}.csv`, kind: 'csv' };
  const muniHeader = [t('analysis.municipality'), `${t('analysis.scenarios.today')} – ${t('analysis.beyond10')}`, `${t('analysis.scenarios.scenario')} – ${t('analysis.beyond10')}`, t('analysis.scenarios.change')];
  const muniRows = r.municipalities.map((m) => [m.name, m.before.beyond10Km, m.after.beyond10Km, m.after.beyond10Km - m.before.beyond10Km]);
  const about = [
    [t('analysis.scenarios.name'), s.name],
    [t('analysis.scenarios.note'), s.note],
    [t('analysis.serviceType'), t(`analysis.type.${s.serviceType}` as never)],
    [t('analysis.area'), r.area.name],
    [t('analysis.scenarios.closedPoints'), r.closed.map((c) => c.name).join(', ')],
    [t('analysis.scenarios.addedPoints'), r.added.map((a) => `${a.name} (${a.lon}, ${a.lat})`).join(', ')],
    [t('analysis.data.year'), r.dataset.year]
  ];
  const body = await renderXlsx(
    [
      { name: 'Scenario', columns: [{ header: '', key: 'a', width: 30 }, { header: '', key: 'b', width: 60 }], rows: about.map(([a, b]) => ({ a: String(a), b: b as string | number })) },
      { ...sheetOf(t('analysis.band'), header, rows), columns: header.map((h, i) => ({ header: h, key: `c${i}`, kind: i === 0 ? 'text' : 'integer' })) },
      { ...sheetOf(t('analysis.municipality'), muniHeader, muniRows), columns: muniHeader.map((h, i) => ({ header: h, key: `c${i}`, kind: i === 0 ? 'text' : 'integer' })) }
    ],
    { title: s.name }
  );
  return { body, filename: `scenario-${slug}.xlsx`, kind: 'xlsx' };
}
