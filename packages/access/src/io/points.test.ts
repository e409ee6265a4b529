import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweref99tmToWgs84 } from './grid.js';
import { parseServiceTypes, readPoints } from './points.js';

const dir = mkdtempSync(join(tmpdir(), 'points-'));
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('service types', () => {
  it('accepts English and Swedish names and normalises grocery_full', () => {
    expect(parseServiceTypes('dagligvaror', 'x')).toEqual(['grocery']);
    expect(parseServiceTypes('Dagligvaror fullsortiment', 'x')).toEqual(['grocery_full', 'grocery']);
    expect(parseServiceTypes('drivmedel;apotek|paket', 'x')).toEqual(['fuel', 'pharmacy', 'parcel']);
    expect(parseServiceTypes(['kontanter', 'post'], 'x')).toEqual(['parcel', 'cash']);
    expect(parseServiceTypes('Paketskåp', 'x')).toEqual(['parcel']);
    expect(() => parseServiceTypes('bakery', 'f.csv:3')).toThrow(/f\.csv:3: unknown service type "bakery" \(allowed: grocery_full, grocery, fuel, pharmacy, parcel, cash; Swedish: dagligvaror/);
  });
});

describe('service points CSV', () => {
  it('reads lon/lat rows with attributes and the full-assortment flag', async () => {
    const f = write(
      'p.csv',
      ['id,name,types,lon,lat,fullsortiment,opened,source', 'A1,Lanthandeln,dagligvaror;post,14.5,63.2,ja,2019,manual', 'A2,"Macken, Hede",drivmedel|kontanter,13.5,62.4,,,"osm"'].join('\n'),
    );
    const pts = await readPoints(f);
    expect(pts).toHaveLength(2);
    expect(pts[0]).toEqual({
      id: 'A1',
      name: 'Lanthandeln',
      types: ['grocery_full', 'grocery', 'parcel'],
      lon: 14.5,
      lat: 63.2,
      attributes: { opened: 2019, source: 'manual', full_assortment: true },
    });
    expect(pts[1]).toMatchObject({ name: 'Macken, Hede', types: ['fuel', 'cash'], attributes: { full_assortment: false } });
  });

  it('reads SWEREF 99 TM x/y with semicolons and decimal commas', async () => {
    const f = write('sweref.csv', 'id;namn;typ;x;y\n1;Apoteket;apotek;674000,5;6580000\n');
    const [p] = await readPoints(f);
    const [lon, lat] = sweref99tmToWgs84(674000.5, 6580000);
    expect(p.lon).toBeCloseTo(lon, 12);
    expect(p.lat).toBeCloseTo(lat, 12);
    expect(p.types).toEqual(['pharmacy']);
  });

  it('names file and line on errors', async () => {
    await expect(readPoints(write('t.csv', 'id,type,lon,lat\n1,fuel,14,63\n2,bakery,14,63\n'))).rejects.toThrow(/t\.csv:3: unknown service type "bakery" \(allowed: /);
    await expect(readPoints(write('c.csv', 'id,type,lon,lat\n1,fuel,14,\n'))).rejects.toThrow(/c\.csv:2: coordinates are missing/);
    await expect(readPoints(write('r.csv', 'id,type,lon,lat\n1,fuel,14,163\n'))).rejects.toThrow(/r\.csv:2: lon\/lat \(14, 163\) out of range/);
    await expect(readPoints(write('d.csv', 'id,type,lon,lat\n1,fuel,14,63\n1,cash,14,63\n'))).rejects.toThrow(/d\.csv:3: id "1" already used on line 2/);
    await expect(readPoints(write('x.csv', 'id,type,x,y\n1,fuel,94000,6133000\n'))).rejects.toThrow(/x\.csv:2: point \(94000, 6133000\) is outside Sweden/);
    await expect(readPoints(write('n.csv', 'id,type,lon,lat\n1,fuel,14,63\n2,fuel,14\n'))).rejects.toThrow(/n\.csv:3: 3 fields, but the header has 4/);
    await expect(readPoints(write('q.csv', 'id,type,lon,lat\n1,"fuel,14,63\n'))).rejects.toThrow(/q\.csv:2: unterminated quoted field/);
    await expect(readPoints(write('f.csv', 'id,type,lon,lat,full_assortment\n1,fuel,14,63,yes\n'))).rejects.toThrow(/f\.csv:2: flagged full assortment but not a grocery store/);
    await expect(readPoints(write('h.csv', 'id,kind,lon,lat\n1,fuel,14,63\n'))).rejects.toThrow(/h\.csv:1: no service type column/);
  });
});

describe('service points GeoJSON', () => {
  const fcOf = (features: unknown[], extra: object = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
  const pt = (lon: number, lat: number, properties: object, id?: string) => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties });

  it('reads Point features with type arrays or strings', async () => {
    const f = write(
      'p.geojson',
      fcOf([pt(14.5, 63.2, { id: 'S1', name: 'Konsum', types: ['dagligvaror_fullsortiment'], operator: 'Coop' }), pt(13.5, 62.4, { type: 'paket|uttag', name: 'Ombud' }, 'F2')]),
    );
    const pts = await readPoints(f);
    expect(pts[0]).toEqual({ id: 'S1', name: 'Konsum', types: ['grocery_full', 'grocery'], lon: 14.5, lat: 63.2, attributes: { operator: 'Coop' } });
    expect(pts[1]).toMatchObject({ id: 'F2', types: ['parcel', 'cash'] });
  });

  it('honours a legacy EPSG:3006 crs member', async () => {
    const f = write('s.geojson', fcOf([pt(674000, 6580000, { type: 'fuel' })], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } } }));
    const [p] = await readPoints(f);
    expect(p.lon).toBeGreaterThan(18);
    expect(p.lat).toBeGreaterThan(59);
  });

  it('names the feature index on errors', async () => {
    await expect(readPoints(write('e1.geojson', fcOf([pt(14, 63, { type: 'fuel' }), pt(14, 63, { type: 'spa' })])))).rejects.toThrow(/e1\.geojson: feature 1: unknown service type "spa"/);
    await expect(
      readPoints(write('e2.geojson', fcOf([{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[14, 63], [15, 63]] }, properties: { type: 'fuel' } }]))),
    ).rejects.toThrow(/e2\.geojson: feature 0: geometry must be a Point \(got LineString\)/);
    await expect(readPoints(write('e3.geojson', fcOf([pt(14, 63, { name: 'x' })])))).rejects.toThrow(/e3\.geojson: feature 0: no "type"\/"types" property/);
    await expect(readPoints(write('e4.geojson', '{"type":'))).rejects.toThrow(/e4\.geojson: invalid JSON/);
  });
});
