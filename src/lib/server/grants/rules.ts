import type { Queryable } from '../db';
import type { MessageKey } from '$lib/i18n';
import type { Regime } from './tables';

/**
 * The rules of förordning (2000:284) and the de minimis regulations as pure functions. Every amount and
 * threshold comes from a parameter set valid at the relevant date (loaded from grant_rule_parameters), so
 * when the ordinance changes an administrator adds a dated row and no code changes.
 */
export interface RuleParameter {
  key: string;
  value: number;
  validFrom: string;
  validTo: string | null;
  source: string;
}

export type ParamSet = (key: string) => RuleParameter | undefined;

export function paramSet(rows: RuleParameter[], date: string): ParamSet {
  return (key) =>
    rows
      .filter((r) => r.key === key && r.validFrom <= date && (r.validTo === null || r.validTo >= date))
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0];
}

export async function loadRuleParameters(db: Queryable): Promise<RuleParameter[]> {
  const rows = await db.selectFrom('grant_rule_parameters').select(['key', 'value', 'valid_from', 'valid_to', 'source']).execute();
  return rows.map((r) => ({ key: r.key, value: Number(r.value), validFrom: r.valid_from, validTo: r.valid_to, source: r.source }));
}

export async function loadParamSet(db: Queryable, date: string): Promise<ParamSet> {
  return paramSet(await loadRuleParameters(db), date);
}

/** One finding: a breach (the application may not be granted as asked) or a limit shown for information. */
export interface Finding {
  kind: 'breach' | 'info';
  rule: string;
  messageKey: MessageKey;
  params: Record<string, string | number>;
  source: string;
}

function missing(key: string, date: string): Finding {
  return { kind: 'breach', rule: key, messageKey: 'grants.rule.missingParameter', params: { key, date }, source: '' };
}

/** Collects parameters or reports which are missing at the date. */
function need(p: ParamSet, date: string, keys: string[]): { values: Record<string, RuleParameter>; findings: Finding[] } {
  const values: Record<string, RuleParameter> = {};
  const findings: Finding[] = [];
  for (const key of keys) {
    const v = p(key);
    if (v) values[key] = v;
    else findings.push(missing(key, date));
  }
  return { values, findings };
}

export interface RuleResult {
  eligible: boolean;
  maxGrantSek: number;
  findings: Finding[];
}

/** The date whose parameters govern a support year: the year's first day (parameters change at new year). */
export const yearDate = (year: number) => `${year}-01-01`;

// ---------------------------------------------------------------- hemsändningsbidrag

export function homeDeliveryRule(p: ParamSet, year: number, input: { netCostSek: number; deliveries: number; appliedSek?: number }): RuleResult {
  const date = yearDate(year);
  const { values, findings } = need(p, date, ['prisbasbelopp_kr', 'hemsandning.andel_procent', 'hemsandning.per_leverans_kr']);
  if (findings.length) return { eligible: false, maxGrantSek: 0, findings };
  const pbb = values['prisbasbelopp_kr'];
  const share = values['hemsandning.andel_procent'];
  const perDelivery = values['hemsandning.per_leverans_kr'];
  // "At least half a prisbasbelopp": compare doubled amounts so an odd prisbasbelopp needs no rounding.
  const eligible = input.netCostSek * 2 >= pbb.value;
  if (!eligible) {
    findings.push({
      kind: 'breach',
      rule: 'hemsandning.min_nettokostnad',
      messageKey: 'grants.rule.homeDelivery.belowHalfPbb',
      params: { netCost: input.netCostSek, half: Math.ceil(pbb.value / 2), pbb: pbb.value, year: String(year) },
      source: pbb.source
    });
  }
  const byShare = Math.floor((input.netCostSek * share.value) / 100);
  const byDeliveries = input.deliveries * perDelivery.value;
  const maxGrantSek = eligible ? Math.min(byShare, byDeliveries) : 0;
  const applied = input.appliedSek;
  findings.push({
    kind: applied !== undefined && applied > byShare ? 'breach' : 'info',
    rule: 'hemsandning.andel_procent',
    messageKey: 'grants.rule.homeDelivery.share',
    params: { share: share.value, netCost: input.netCostSek, limit: byShare, applied: applied ?? 0 },
    source: share.source
  });
  findings.push({
    kind: applied !== undefined && applied > byDeliveries ? 'breach' : 'info',
    rule: 'hemsandning.per_leverans_kr',
    messageKey: 'grants.rule.homeDelivery.perDelivery',
    params: { perDelivery: perDelivery.value, deliveries: input.deliveries, limit: byDeliveries, applied: applied ?? 0 },
    source: perDelivery.source
  });
  return { eligible, maxGrantSek, findings };
}

// ---------------------------------------------------------------- servicebidrag

export function serviceGrantRule(
  p: ParamSet,
  year: number,
  input: { appliedSek: number; strategic: boolean; yearsWithServiceGrant: number; operatingSupportSameYearSek: number }
): RuleResult {
  const date = yearDate(year);
  const { values, findings } = need(p, date, ['servicebidrag.tak_kr', 'servicebidrag.tak_strategisk_kr', 'servicebidrag.max_ar']);
  if (findings.length) return { eligible: false, maxGrantSek: 0, findings };
  const ceiling = input.strategic ? values['servicebidrag.tak_strategisk_kr'] : values['servicebidrag.tak_kr'];
  const maxYears = values['servicebidrag.max_ar'];
  const maxGrantSek = Math.max(0, ceiling.value - input.operatingSupportSameYearSek);
  const eligible = input.yearsWithServiceGrant <= maxYears.value;
  findings.push({
    kind: input.appliedSek > maxGrantSek ? 'breach' : 'info',
    rule: ceiling.key,
    messageKey: 'grants.rule.service.ceiling',
    params: { ceiling: ceiling.value, operating: input.operatingSupportSameYearSek, limit: maxGrantSek, applied: input.appliedSek },
    source: ceiling.source
  });
  findings.push({
    kind: eligible ? 'info' : 'breach',
    rule: 'servicebidrag.max_ar',
    messageKey: 'grants.rule.service.years',
    params: { years: input.yearsWithServiceGrant, maxYears: maxYears.value },
    source: maxYears.source
  });
  return { eligible, maxGrantSek: eligible ? maxGrantSek : 0, findings };
}

// ---------------------------------------------------------------- investeringsbidrag

export function investmentGrantRule(p: ParamSet, year: number, input: { appliedSek: number; eligibleCostSek: number | null; specialCase: boolean }): RuleResult {
  const date = yearDate(year);
  const key = input.specialCase ? 'investeringsbidrag.andel_sarskild_procent' : 'investeringsbidrag.andel_procent';
  const { values, findings } = need(p, date, [key]);
  if (findings.length) return { eligible: false, maxGrantSek: 0, findings };
  if (input.eligibleCostSek === null) {
    findings.push({ kind: 'breach', rule: key, messageKey: 'grants.rule.investment.noCost', params: {}, source: values[key].source });
    return { eligible: false, maxGrantSek: 0, findings };
  }
  const share = values[key];
  const maxGrantSek = Math.floor((input.eligibleCostSek * share.value) / 100);
  findings.push({
    kind: input.appliedSek > maxGrantSek ? 'breach' : 'info',
    rule: key,
    messageKey: 'grants.rule.investment.share',
    params: { share: share.value, cost: input.eligibleCostSek, limit: maxGrantSek, applied: input.appliedSek },
    source: share.source
  });
  return { eligible: true, maxGrantSek, findings };
}

// ---------------------------------------------------------------- särskilt driftstöd

export function operatingSupportRule(
  p: ParamSet,
  year: number,
  input: { appliedSek: number; statedDistanceKm: number | null; analysisDistanceKm: number | null; island: boolean; openAllYear: boolean | null }
): RuleResult {
  const date = yearDate(year);
  const { values, findings } = need(p, date, ['driftstod.min_avstand_km', 'driftstod.tak_kr']);
  if (findings.length) return { eligible: false, maxGrantSek: 0, findings };
  const minKm = values['driftstod.min_avstand_km'];
  const ceiling = values['driftstod.tak_kr'];
  let eligible = true;
  if (!input.island) {
    // The analysis (distance along the road network) wins over what the applicant stated.
    const distance = input.analysisDistanceKm ?? input.statedDistanceKm;
    const basis = input.analysisDistanceKm !== null ? 'analysis' : 'stated';
    if (distance === null) {
      eligible = false;
      findings.push({ kind: 'breach', rule: minKm.key, messageKey: 'grants.rule.operating.distanceUnknown', params: { minKm: minKm.value }, source: minKm.source });
    } else {
      const ok = distance > minKm.value;
      if (!ok) eligible = false;
      findings.push({
        kind: ok ? 'info' : 'breach',
        rule: minKm.key,
        messageKey: basis === 'analysis' ? 'grants.rule.operating.distanceAnalysis' : 'grants.rule.operating.distanceStated',
        params: { distance: Math.round(distance * 10) / 10, minKm: minKm.value },
        source: minKm.source
      });
      if (input.analysisDistanceKm !== null && input.statedDistanceKm !== null && Math.abs(input.analysisDistanceKm - input.statedDistanceKm) >= 1) {
        findings.push({
          kind: 'info',
          rule: minKm.key,
          messageKey: 'grants.rule.operating.distanceDiffers',
          params: { stated: input.statedDistanceKm, analysis: Math.round(input.analysisDistanceKm * 10) / 10 },
          source: minKm.source
        });
      }
    }
  }
  if (input.openAllYear !== true) {
    eligible = false;
    findings.push({ kind: 'breach', rule: 'driftstod.oppet_aret_runt', messageKey: 'grants.rule.operating.openAllYear', params: {}, source: minKm.source });
  }
  findings.push({
    kind: input.appliedSek > ceiling.value ? 'breach' : 'info',
    rule: ceiling.key,
    messageKey: 'grants.rule.operating.ceiling',
    params: { ceiling: ceiling.value, applied: input.appliedSek },
    source: ceiling.source
  });
  return { eligible, maxGrantSek: eligible ? ceiling.value : 0, findings };
}

// ---------------------------------------------------------------- de minimis

export interface AidRow {
  decidedOn: string;
  regime: Regime;
  amountEurCents: number;
}

/** The same calendar day `years` earlier (29 February falls back to the 28th). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const year = y - years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface DeMinimisResult {
  regime: Regime;
  ceilingEurCents: number;
  windowFrom: string;
  totalEurCents: number;
  newTotalEurCents: number;
  remainingEurCents: number;
  exceeds: boolean;
  findings: Finding[];
}

/**
 * The rolling three-year ceiling at a decision date. Aid decided after the same day three years earlier
 * and up to the decision date counts. General de minimis counts general aid only; SGEI aid may be combined
 * with general aid up to the SGEI ceiling, so for SGEI both count.
 */
export function deMinimisRule(p: ParamSet, input: { regime: Regime; decisionDate: string; existing: AidRow[]; newEurCents: number }): DeMinimisResult {
  const ceilingKey = input.regime === 'general' ? 'deminimis.allman_tak_eur' : 'deminimis.sgei_tak_eur';
  const { values, findings } = need(p, input.decisionDate, [ceilingKey, 'deminimis.fonster_ar']);
  if (findings.length) {
    return { regime: input.regime, ceilingEurCents: 0, windowFrom: input.decisionDate, totalEurCents: 0, newTotalEurCents: input.newEurCents, remainingEurCents: 0, exceeds: true, findings };
  }
  const ceiling = values[ceilingKey];
  const windowFrom = yearsBefore(input.decisionDate, values['deminimis.fonster_ar'].value);
  const counted = input.existing.filter(
    (a) => a.decidedOn > windowFrom && a.decidedOn <= input.decisionDate && (input.regime === 'sgei' || a.regime === 'general')
  );
  const totalEurCents = counted.reduce((s, a) => s + a.amountEurCents, 0);
  const ceilingEurCents = ceiling.value * 100;
  const newTotalEurCents = totalEurCents + input.newEurCents;
  const exceeds = newTotalEurCents > ceilingEurCents;
  findings.push({
    kind: exceeds ? 'breach' : 'info',
    rule: ceilingKey,
    messageKey: exceeds ? 'grants.rule.deMinimis.exceeds' : 'grants.rule.deMinimis.within',
    params: {
      total: totalEurCents / 100,
      amount: input.newEurCents / 100,
      newTotal: newTotalEurCents / 100,
      ceiling: ceiling.value,
      from: windowFrom,
      to: input.decisionDate
    },
    source: ceiling.source
  });
  return { regime: input.regime, ceilingEurCents, windowFrom, totalEurCents, newTotalEurCents, remainingEurCents: Math.max(0, ceilingEurCents - totalEurCents), exceeds, findings };
}

/** SEK to euro cents at a rate of SEK per EUR, rounded to the nearest cent. */
export function sekToEurCents(sek: number, sekPerEur: number): number {
  return Math.round((sek * 100) / sekPerEur);
}
