import { describe, expect, it } from 'vitest';
import { choropleth } from './map';
import { periodRange } from './reports';

const square = (code: string, name: string, lon: number, lat: number) => ({
  type: 'Feature' as const,
  properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]] }
});

describe('choropleth and periods', () => {
  it('projects the county into the view box and classes municipalities by amount', () => {
    const map = choropleth([square('2380', 'Östersund', 14, 63), square('2326', 'Berg', 13, 62), { type: 'Feature' as const, properties: { code: '2303', name: 'Ragunda' }, geometry: { type: 'MultiPolygon', coordinates: [[[[16, 63], [17, 63], [17, 64], [16, 63]]]] } }], { '2380': 1_000_000, '2326': 100_000 });
    expect(map).not.toBeNull();
    expect(map!.width).toBe(480);
    expect(map!.height).toBeGreaterThan(0);
    const byCode = Object.fromEntries(map!.shapes.map((s) => [s.code, s]));
    expect(byCode['2380'].bucket).toBe(4);
    expect(byCode['2326'].bucket).toBe(0 + 1);
    expect(byCode['2303'].bucket).toBe(0);
    expect(byCode['2326'].d.startsWith('M0.0,')).toBe(true);
    for (const s of map!.shapes) {
      for (const [, x, y] of s.d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)) {
        expect(Number(x)).toBeGreaterThanOrEqual(0);
        expect(Number(x)).toBeLessThanOrEqual(480.1);
        expect(Number(y)).toBeGreaterThanOrEqual(0);
        expect(Number(y)).toBeLessThanOrEqual(map!.height + 0.1);
      }
    }
    expect(choropleth([], {})).toBeNull();
  });

  it('gives quarter boundaries', () => {
    expect(periodRange({ year: 2024 })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodRange({ year: 2024, quarter: 1 })).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(periodRange({ year: 2024, quarter: 2 })).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(periodRange({ year: 2024, quarter: 4 })).toEqual({ from: '2024-10-01', to: '2024-12-31' });
  });
});
