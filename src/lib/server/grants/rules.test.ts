import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestDatabase } from '../testing/database';
import { deMinimisRule, homeDeliveryRule, investmentGrantRule, loadRuleParameters, operatingSupportRule, paramSet, sekToEurCents, serviceGrantRule, yearsBefore, type RuleParameter } from './rules';
import { formatOrgNumber, luhnCheckDigit, normaliseOrgNumber, orgNumberGenerator } from './orgnr';

/** The parameters exactly as the migration seeds them, read from a migrated database. */
let rows: RuleParameter[] = [];
const at = (date: string) => paramSet(rows, date);

describe('rules of förordning (2000:284) as dated parameters', async () => {
  const database = await createTestDatabase();
  rows = await loadRuleParameters(database.db);
  await database.close();

  it('hemsändningsbidrag 2024: 100 kr per delivery, the boundary exactly at the limit', () => {
    const p = at('2024-01-01');
    // 1 500 deliveries × 100 kr = 150 000; 50 % of 400 000 = 200 000 → 150 000 binds.
    const atLimit = homeDeliveryRule(p, 2024, { netCostSek: 400_000, deliveries: 1_500, appliedSek: 150_000 });
    expect(atLimit.eligible).toBe(true);
    expect(atLimit.maxGrantSek).toBe(150_000);
    expect(atLimit.findings.filter((f) => f.kind === 'breach')).toEqual([]);
    const over = homeDeliveryRule(p, 2024, { netCostSek: 400_000, deliveries: 1_500, appliedSek: 150_001 });
    const breach = over.findings.filter((f) => f.kind === 'breach');
    expect(breach).toHaveLength(1);
    expect(breach[0]).toMatchObject({ rule: 'hemsandning.per_leverans_kr', params: { perDelivery: 100, deliveries: 1500, limit: 150_000, applied: 150_001 } });
    expect(breach[0].source).toMatch(/2000:284/);
  });

  it('hemsändningsbidrag 2011: 60 kr per delivery in the wording of SFS 2010:1709', () => {
    const r = homeDeliveryRule(at('2011-01-01'), 2011, { netCostSek: 400_000, deliveries: 1_000, appliedSek: 60_001 });
    expect(r.maxGrantSek).toBe(60_000);
    const breach = r.findings.find((f) => f.kind === 'breach');
    expect(breach?.params).toMatchObject({ perDelivery: 60, limit: 60_000 });
    expect(breach?.source).toMatch(/2010:1709/);
    // 2022 still 60 kr, 2023 100 kr.
    expect(homeDeliveryRule(at('2022-01-01'), 2022, { netCostSek: 400_000, deliveries: 1_000 }).maxGrantSek).toBe(60_000);
    expect(homeDeliveryRule(at('2023-01-01'), 2023, { netCostSek: 400_000, deliveries: 1_000 }).maxGrantSek).toBe(100_000);
  });

  it('hemsändningsbidrag: at most 50 % of the net cost, exactly at the boundary', () => {
    const p = at('2024-01-01');
    const r = homeDeliveryRule(p, 2024, { netCostSek: 100_000, deliveries: 10_000, appliedSek: 50_000 });
    expect(r.maxGrantSek).toBe(50_000);
    expect(r.findings.filter((f) => f.kind === 'breach')).toEqual([]);
    const over = homeDeliveryRule(p, 2024, { netCostSek: 100_000, deliveries: 10_000, appliedSek: 50_001 });
    expect(over.findings.filter((f) => f.kind === 'breach').map((f) => f.rule)).toEqual(['hemsandning.andel_procent']);
    // Odd net cost: 50 % rounds down to whole kronor.
    expect(homeDeliveryRule(p, 2024, { netCostSek: 100_001, deliveries: 10_000 }).maxGrantSek).toBe(50_000);
  });

  it('hemsändningsbidrag: only when the net cost is at least half the year’s prisbasbelopp', () => {
    for (const [year, pbb] of [[2011, 42_800], [2023, 52_500], [2024, 57_300], [2025, 58_800]] as const) {
      const p = at(`${year}-01-01`);
      const half = pbb / 2;
      const ok = homeDeliveryRule(p, year, { netCostSek: half, deliveries: 1_000 });
      expect(ok.eligible, `${year} at half`).toBe(true);
      const below = homeDeliveryRule(p, year, { netCostSek: half - 1, deliveries: 1_000 });
      expect(below.eligible, `${year} below half`).toBe(false);
      expect(below.maxGrantSek).toBe(0);
      expect(below.findings[0]).toMatchObject({ kind: 'breach', rule: 'hemsandning.min_nettokostnad', params: { half, pbb, year: String(year) } });
    }
  });

  it('reports a missing parameter instead of guessing (no prisbasbelopp before 2011)', () => {
    const r = homeDeliveryRule(at('2009-01-01'), 2009, { netCostSek: 400_000, deliveries: 100 });
    expect(r.eligible).toBe(false);
    expect(r.findings.map((f) => f.messageKey)).toContain('grants.rule.missingParameter');
  });

  it('servicebidrag: 250 000 kr, 300 000 kr if strategic, särskilt driftstöd the same year counted, at most three years', () => {
    const p = at('2024-01-01');
    const base = { strategic: false, yearsWithServiceGrant: 1, operatingSupportSameYearSek: 0 };
    expect(serviceGrantRule(p, 2024, { ...base, appliedSek: 250_000 }).findings.filter((f) => f.kind === 'breach')).toEqual([]);
    expect(serviceGrantRule(p, 2024, { ...base, appliedSek: 250_001 }).findings.filter((f) => f.kind === 'breach')).toHaveLength(1);
    expect(serviceGrantRule(p, 2024, { ...base, strategic: true, appliedSek: 300_000 }).maxGrantSek).toBe(300_000);
    const withOperating = serviceGrantRule(p, 2024, { ...base, operatingSupportSameYearSek: 100_000, appliedSek: 150_001 });
    expect(withOperating.maxGrantSek).toBe(150_000);
    expect(withOperating.findings.find((f) => f.kind === 'breach')?.params).toMatchObject({ operating: 100_000, limit: 150_000 });
    expect(serviceGrantRule(p, 2024, { ...base, yearsWithServiceGrant: 3, appliedSek: 1 }).eligible).toBe(true);
    const fourth = serviceGrantRule(p, 2024, { ...base, yearsWithServiceGrant: 4, appliedSek: 1 });
    expect(fourth.eligible).toBe(false);
    expect(fourth.findings.find((f) => f.kind === 'breach')?.rule).toBe('servicebidrag.max_ar');
  });

  it('investeringsbidrag: 50 % of eligible costs, 85 % in the special cases', () => {
    const p = at('2024-01-01');
    expect(investmentGrantRule(p, 2024, { appliedSek: 500_000, eligibleCostSek: 1_000_000, specialCase: false }).findings.every((f) => f.kind === 'info')).toBe(true);
    const over = investmentGrantRule(p, 2024, { appliedSek: 500_001, eligibleCostSek: 1_000_000, specialCase: false });
    expect(over.findings[0]).toMatchObject({ kind: 'breach', params: { share: 50, limit: 500_000 } });
    expect(investmentGrantRule(p, 2024, { appliedSek: 850_000, eligibleCostSek: 1_000_000, specialCase: true }).findings.every((f) => f.kind === 'info')).toBe(true);
    expect(investmentGrantRule(p, 2024, { appliedSek: 850_001, eligibleCostSek: 1_000_000, specialCase: true }).findings[0].kind).toBe('breach');
  });

  it('särskilt driftstöd: more than 10 km (analysis wins over the stated distance), island, open all year, ceiling', () => {
    const p = at('2024-01-01');
    const base = { appliedSek: 300_000, statedDistanceKm: 12, analysisDistanceKm: null, island: false, openAllYear: true };
    expect(operatingSupportRule(p, 2024, base).eligible).toBe(true);
    expect(operatingSupportRule(p, 2024, { ...base, statedDistanceKm: 10 }).eligible).toBe(false);
    expect(operatingSupportRule(p, 2024, { ...base, statedDistanceKm: 10.1 }).eligible).toBe(true);
    const byAnalysis = operatingSupportRule(p, 2024, { ...base, statedDistanceKm: 14, analysisDistanceKm: 8.4 });
    expect(byAnalysis.eligible).toBe(false);
    expect(byAnalysis.findings.find((f) => f.kind === 'breach')).toMatchObject({ messageKey: 'grants.rule.operating.distanceAnalysis', params: { distance: 8.4, minKm: 10 } });
    expect(operatingSupportRule(p, 2024, { ...base, statedDistanceKm: 2, island: true }).eligible).toBe(true);
    expect(operatingSupportRule(p, 2024, { ...base, openAllYear: false }).eligible).toBe(false);
    expect(operatingSupportRule(p, 2024, { ...base, appliedSek: 300_001 }).findings.find((f) => f.kind === 'breach')?.rule).toBe('driftstod.tak_kr');
  });

  it('de minimis: the ceilings by decision date (200 000 / 500 000 before 2024, 300 000 / 750 000 from 2024-01-01)', () => {
    const general = (date: string) => deMinimisRule(at(date), { regime: 'general', decisionDate: date, existing: [], newEurCents: 0 }).ceilingEurCents / 100;
    const sgei = (date: string) => deMinimisRule(at(date), { regime: 'sgei', decisionDate: date, existing: [], newEurCents: 0 }).ceilingEurCents / 100;
    expect(general('2023-12-31')).toBe(200_000);
    expect(general('2024-01-01')).toBe(300_000);
    expect(sgei('2023-12-31')).toBe(500_000);
    expect(sgei('2024-01-01')).toBe(750_000);
  });

  it('de minimis: the rolling three-year window and the ceiling boundary', () => {
    const existing = [{ decidedOn: '2021-06-01', regime: 'general' as const, amountEurCents: 100_000_00 }, { decidedOn: '2023-02-01', regime: 'general' as const, amountEurCents: 150_000_00 }];
    // On 2024-05-31 both count (2021-06-01 is after 2021-05-31); on 2024-06-01 the first has left the window.
    const inside = deMinimisRule(at('2024-05-31'), { regime: 'general', decisionDate: '2024-05-31', existing, newEurCents: 50_000_00 });
    expect(inside.totalEurCents).toBe(250_000_00);
    expect(inside.exceeds).toBe(false); // exactly 300 000
    const over = deMinimisRule(at('2024-05-31'), { regime: 'general', decisionDate: '2024-05-31', existing, newEurCents: 50_000_01 });
    expect(over.exceeds).toBe(true);
    expect(over.findings[0]).toMatchObject({ kind: 'breach', params: { ceiling: 300_000, newTotal: 300000.01 } });
    const later = deMinimisRule(at('2024-06-01'), { regime: 'general', decisionDate: '2024-06-01', existing, newEurCents: 0 });
    expect(later.totalEurCents).toBe(150_000_00);
    expect(later.windowFrom).toBe('2021-06-01');
    // SGEI counts general aid too; general counts only general.
    const sgei = deMinimisRule(at('2024-05-31'), { regime: 'sgei', decisionDate: '2024-05-31', existing: [...existing, { decidedOn: '2024-01-10', regime: 'sgei', amountEurCents: 10_00 }], newEurCents: 0 });
    expect(sgei.totalEurCents).toBe(250_000_00 + 10_00);
    expect(yearsBefore('2024-02-29', 3)).toBe('2021-02-28');
  });

  it('converts kronor to euro cents at the rate', () => {
    expect(sekToEurCents(150_000, 11.25)).toBe(1_333_333);
  });
});

describe('organisationsnummer', () => {
  it('accepts ten digits with or without a dash and twelve with a century prefix; rejects the rest', () => {
    const valid = '5566778899'.slice(0, 9);
    const number = valid + luhnCheckDigit(valid);
    expect(normaliseOrgNumber(number)).toBe(number);
    expect(normaliseOrgNumber(formatOrgNumber(number))).toBe(number);
    expect(normaliseOrgNumber(`16${number}`)).toBe(number);
    expect(normaliseOrgNumber(`16${formatOrgNumber(number)}`)).toBe(number);
    expect(normaliseOrgNumber(`19${number}`)).toBe(number);
    expect(normaliseOrgNumber(`18${number}`)).toBeNull();
    expect(normaliseOrgNumber(`${number.slice(0, 5)}-${number.slice(5)}`)).toBeNull();
    expect(normaliseOrgNumber('abc')).toBeNull();
    expect(normaliseOrgNumber('')).toBeNull();
  });

  const nine = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));

  it('property: a generated valid number passes in every accepted spelling', () => {
    fc.assert(
      fc.property(nine, fc.constantFrom('', '-'), fc.constantFrom('', '16', '19', '20'), (body, dash, century) => {
        const digits = body + luhnCheckDigit(body);
        return normaliseOrgNumber(`${century}${digits.slice(0, 6)}${dash}${digits.slice(6)}`) === digits;
      })
    );
  });

  it('property: any single-digit change makes it fail', () => {
    fc.assert(
      fc.property(nine, fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const digits = (body + luhnCheckDigit(body)).split('').map(Number);
        digits[position] = (digits[position] + delta) % 10;
        return normaliseOrgNumber(digits.join('')) === null;
      })
    );
  });

  it('the demo generator gives valid, distinct numbers', () => {
    const next = orgNumberGenerator(20240101, '55');
    const numbers = Array.from({ length: 200 }, next);
    expect(new Set(numbers).size).toBe(200);
    for (const n of numbers) expect(normaliseOrgNumber(n)).toBe(n);
  });
});
