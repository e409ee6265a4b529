import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cornerFromSquareId,
  loadSqlJs,
  parseAgeBand,
  parseGpkgGeometry,
  readGrid,
  squareIdFromCorner,
  sweref99tmToWgs84,
  wgs84ToSweref99tm,
} from './grid.js';

const dir = mkdtempSync(join(tmpdir(), 'grid-'));
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('SCB square ids', () => {
  it('follows SCB: 6-digit easting then 7-digit northing of the lower-left corner', () => {
    expect(squareIdFromCorner(394000, 6133000)).toBe('3940006133000');
    expect(cornerFromSquareId('3940006133000')).toEqual({ x: 394000, y: 6133000 });
    expect(squareIdFromCorner(394250, 6133750)).toBe('3942506133750');
    expect(cornerFromSquareId('SE_CRS3006RES1000mN6133000E394000')).toEqual({ x: 394000, y: 6133000, size: 1000 });
    expect(cornerFromSquareId('CRS3006RES250mN6133750E394250')).toEqual({ x: 394250, y: 6133750, size: 250 });
    expect(cornerFromSquareId('12345')).toBeNull();
  });

  it('round-trips id ↔ corner for 1 km and 250 m squares (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1000, 250), fc.integer({ min: 200_000, max: 999_999 }), fc.integer({ min: 6_100_000, max: 7_700_000 }), (size, x, y) => {
        const cx = Math.floor(x / size) * size;
        const cy = Math.floor(y / size) * size;
        const id = squareIdFromCorner(cx, cy);
        expect(id).toMatch(/^\d{13}$/);
        expect(cornerFromSquareId(id)).toEqual({ x: cx, y: cy });
        expect(squareIdFromCorner(cornerFromSquareId(id)!.x, cornerFromSquareId(id)!.y)).toBe(id);
      }),
      { numRuns: 2000 },
    );
  });

  it('converts SWEREF 99 TM ↔ WGS84', () => {
    // EPSG:3006 is UTM 33 on GRS80: the central meridian 15°E maps to E 500 000.
    const [lon, lat] = sweref99tmToWgs84(500000, 6600000);
    expect(lon).toBeCloseTo(15, 9);
    expect(lat).toBeGreaterThan(59.5);
    expect(lat).toBeLessThan(59.6);
    // Stockholm city hall ~ (18.0545, 59.3275) ~ E 674 000, N 6 580 000.
    const [x, y] = wgs84ToSweref99tm(18.0545, 59.3275);
    expect(x).toBeGreaterThan(673_000);
    expect(x).toBeLessThan(675_500);
    expect(y).toBeGreaterThan(6_579_000);
    expect(y).toBeLessThan(6_581_500);
    fc.assert(
      fc.property(fc.double({ min: 11, max: 24, noNaN: true }), fc.double({ min: 55, max: 69, noNaN: true }), (lo, la) => {
        const [px, py] = wgs84ToSweref99tm(lo, la);
        const [lo2, la2] = sweref99tmToWgs84(px, py);
        expect(Math.abs(lo2 - lo)).toBeLessThan(1e-8);
        expect(Math.abs(la2 - la)).toBeLessThan(1e-8);
      }),
      { numRuns: 300 },
    );
  });

  it('recognises age bands', () => {
    expect(parseAgeBand('ald70_75')).toEqual([70, 74]);
    expect(parseAgeBand('ald100w')).toEqual([100, Infinity]);
    expect(parseAgeBand('70-74')).toEqual([70, 74]);
    expect(parseAgeBand('80+')).toEqual([80, Infinity]);
    expect(parseAgeBand('beftotalt')).toBeNull();
  });
});

describe('grid CSV', () => {
  it('reads SCB-style columns with ids and sums 70+ bands', async () => {
    const f = write(
      'scb.csv',
      ['rutid_scb;rutstorl;beftotalt;ald65_70;ald70_75;ald75_80;ald80w;kommunkod', '3940006133000;1000;7;1;2;1;0;1214', '3950006133000;1000;22;3;2;2;1;180', ''].join('\n'),
    );
    const r = await readGrid(f);
    expect(r.size).toBe(1000);
    expect(r.has70plus).toBe(true);
    expect(r.squares).toHaveLength(2);
    expect(r.squares[0]).toMatchObject({ id: '3940006133000', size: 1000, x: 394000, y: 6133000, population: 7, population70plus: 3, municipalityCode: '1214' });
    expect(r.squares[1]).toMatchObject({ population70plus: 5, municipalityCode: '0180' });
    const [lon, lat] = sweref99tmToWgs84(394500, 6133500);
    expect(r.squares[0].lon).toBeCloseTo(lon, 12);
    expect(r.squares[0].lat).toBeCloseTo(lat, 12);
  });

  it('reads x/y instead of ids, with a 70+ column and an inferred 250 m size', async () => {
    const f = write('xy.csv', 'x,y,pop,pop_70plus\n394250,6133750,12,4\n394500,6133750,3,0\n');
    const r = await readGrid(f, { size: 250 });
    expect(r.squares.map((s) => s.id)).toEqual(['3942506133750', '3945006133750']);
    expect(r.squares[0]).toMatchObject({ size: 250, population: 12, population70plus: 4 });
  });

  it('infers 250 m squares from ids off the 1 km lattice', async () => {
    const f = write('ids250.csv', 'rutid,befolkning\n3942506133750,5\n3940006133000,1\n');
    const r = await readGrid(f);
    expect(r.size).toBe(250);
    expect(r.has70plus).toBe(false);
  });

  it('rejects coordinates outside Sweden, naming file and line', async () => {
    const f = write('outside.csv', 'rutid,pop\n3940006133000,5\n\n0940006133000,2\n');
    await expect(readGrid(f)).rejects.toThrow(/outside\.csv:4: square corner \(94000, 6133000\) is outside Sweden/);
    const g = write('wgs.csv', 'x,y,pop,rutstorl\n15.2,59.3,4,1000\n');
    await expect(readGrid(g)).rejects.toThrow(/wgs\.csv:2: .*outside Sweden/);
  });

  it('names the line for bad values, duplicates and straddling age bands', async () => {
    await expect(readGrid(write('neg.csv', 'rutid,pop\n3940006133000,-1\n'))).rejects.toThrow(/neg\.csv:2: population "-1"/);
    await expect(readGrid(write('dup.csv', 'rutid,pop\n3940006133000,1\n3940006133000,2\n'))).rejects.toThrow(/dup\.csv:3: square 3940006133000 appears twice \(first at .*dup\.csv:2\)/);
    await expect(readGrid(write('bad.csv', 'rutid,pop\n39400061330,1\n'))).rejects.toThrow(/bad\.csv:2: "39400061330" is not an SCB square id/);
    await expect(readGrid(write('band.csv', 'rutid,pop,age_65_74\n3940006133000,1,1\n'))).rejects.toThrow(/band\.csv:1: age band column "age_65_74" straddles age 70/);
    await expect(readGrid(write('nopop.csv', 'rutid,foo\n3940006133000,1\n'))).rejects.toThrow(/nopop\.csv:1: no population column/);
    await expect(readGrid(write('off.csv', 'rutid,pop,rutstorl\n3942506133000,1,1000\n'))).rejects.toThrow(/off\.csv:2: corner \(394250, 6133000\) is not on the 1000 m grid/);
  });
});

/** WKB polygon of an axis-aligned square, wrapped in a GeoPackage geometry header (little endian, with envelope). */
function gpkgSquare(x: number, y: number, size: number, srs = 3006): Uint8Array {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  const buf = new ArrayBuffer(8 + 32 + 1 + 4 + 4 + 4 + ring.length * 16);
  const dv = new DataView(buf);
  const u8 = new Uint8Array(buf);
  u8[0] = 0x47;
  u8[1] = 0x50;
  u8[2] = 0;
  u8[3] = 0b0000_0011; // little endian, envelope kind 1 (minx, maxx, miny, maxy)
  dv.setInt32(4, srs, true);
  dv.setFloat64(8, x, true);
  dv.setFloat64(16, x + size, true);
  dv.setFloat64(24, y, true);
  dv.setFloat64(32, y + size, true);
  let p = 40;
  u8[p] = 1;
  dv.setUint32(p + 1, 3, true);
  dv.setUint32(p + 5, 1, true);
  dv.setUint32(p + 9, ring.length, true);
  p += 13;
  for (const [a, b] of ring) {
    dv.setFloat64(p, a, true);
    dv.setFloat64(p + 8, b, true);
    p += 16;
  }
  return u8;
}

async function writeGpkg(name: string, rows: Array<{ geom: Uint8Array; rutid: string; beftotalt: number; ald70_75: number; ald75w: number }>, srs = 3006): Promise<string> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(`
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    INSERT INTO gpkg_spatial_ref_sys VALUES ('SWEREF99 TM', 3006, 'EPSG', 3006, 'undefined', NULL);
    CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
    CREATE TABLE befolkning_1km (fid INTEGER PRIMARY KEY AUTOINCREMENT, sp_geometry POLYGON, rutid_scb TEXT, beftotalt INTEGER, ald70_75 INTEGER, ald75w INTEGER);
    INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('befolkning_1km', 'features', 'befolkning_1km', ${srs});
    INSERT INTO gpkg_geometry_columns VALUES ('befolkning_1km', 'sp_geometry', 'POLYGON', ${srs}, 0, 0);
  `);
  const stmt = db.prepare('INSERT INTO befolkning_1km (sp_geometry, rutid_scb, beftotalt, ald70_75, ald75w) VALUES (?, ?, ?, ?, ?)');
  for (const r of rows) {
    stmt.bind([r.geom, r.rutid, r.beftotalt, r.ald70_75, r.ald75w]);
    stmt.step();
    // sql.js statements need a reset between executions
    (stmt as unknown as { reset(): void }).reset();
  }
  stmt.free();
  const f = join(dir, name);
  writeFileSync(f, (db as unknown as { export(): Uint8Array }).export());
  db.close();
  return f;
}

describe('grid GeoPackage', () => {
  it('parses GeoPackage geometry blobs', () => {
    const g = parseGpkgGeometry(gpkgSquare(394000, 6133000, 1000));
    expect(g).toMatchObject({ srsId: 3006, type: 'Polygon', minX: 394000, minY: 6133000, maxX: 395000, maxY: 6134000, empty: false });
    expect(() => parseGpkgGeometry(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(/GP/);
  });

  it('reads squares from a GeoPackage written with sql.js', async () => {
    const f = await writeGpkg('pop.gpkg', [
      { geom: gpkgSquare(394000, 6133000, 1000), rutid: '3940006133000', beftotalt: 7, ald70_75: 1, ald75w: 2 },
      { geom: gpkgSquare(395000, 6133000, 1000), rutid: '3950006133000', beftotalt: 22, ald70_75: 0, ald75w: 0 },
    ]);
    const r = await readGrid(f);
    expect(r.size).toBe(1000);
    expect(r.has70plus).toBe(true);
    expect(r.squares.map((s) => [s.id, s.population, s.population70plus])).toEqual([
      ['3940006133000', 7, 3],
      ['3950006133000', 22, 0],
    ]);
    const [lon, lat] = sweref99tmToWgs84(395500, 6133500);
    expect(r.squares[1].lon).toBeCloseTo(lon, 12);
    expect(r.squares[1].lat).toBeCloseTo(lat, 12);
  });

  it('names the feature for geometry outside Sweden, and rejects other CRSs', async () => {
    const f = await writeGpkg('far.gpkg', [
      { geom: gpkgSquare(394000, 6133000, 1000), rutid: '3940006133000', beftotalt: 7, ald70_75: 1, ald75w: 2 },
      { geom: gpkgSquare(94000, 6133000, 1000), rutid: '0940006133000', beftotalt: 1, ald70_75: 0, ald75w: 0 },
    ]);
    await expect(readGrid(f)).rejects.toThrow(/far\.gpkg \(table befolkning_1km, feature fid 2\): square corner \(94000, 6133000\) is outside Sweden/);
    const g = await writeGpkg('laea.gpkg', [{ geom: gpkgSquare(4_500_000, 3_900_000, 1000, 3035), rutid: 'x', beftotalt: 1, ald70_75: 0, ald75w: 0 }], 3035);
    await expect(readGrid(g)).rejects.toThrow(/laea\.gpkg: table "befolkning_1km" is in EPSG:3035/);
    await expect(readGrid(write('fake.gpkg', 'not sqlite at all, just text padding'.repeat(5)))).rejects.toThrow(/fake\.gpkg: not a GeoPackage/);
  });
});
