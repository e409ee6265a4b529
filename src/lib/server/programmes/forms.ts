import { invalid } from '../errors';
import type { ProgrammeContent } from './tables';

/**
 * Form fields → the shape the domain's zod schemas validate, so a form and the API give the same errors.
 * Nothing here validates beyond splitting text: a number field that is not a number stays a string and the
 * schema reports it on its field.
 */
type Raw = Record<string, string | string[]>;

const one = (raw: Raw, key: string): string => {
  const v = raw[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
const many = (raw: Raw, key: string): string[] => {
  const v = raw[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "12 500" and "3,5" are numbers to a Swedish user; an empty field is null. */
export function numberField(text: string): number | string | null {
  const t = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}
const dateField = (text: string) => (text.trim() === '' ? null : text.trim());

export function interventionFromForm(raw: Raw): Record<string, unknown> {
  const goals: Record<string, unknown>[] = [];
  for (let n = 0; n < 20; n++) {
    const indicator = one(raw, `goals.${n}.indicator`).trim();
    const unit = one(raw, `goals.${n}.unit`).trim();
    const target = one(raw, `goals.${n}.target`).trim();
    const baseline = one(raw, `goals.${n}.baseline`).trim();
    if (!indicator && !unit && !target && !baseline) continue;
    const id = one(raw, `goals.${n}.id`);
    goals[n] = {
      ...(id ? { id } : {}),
      indicator,
      unit,
      baseline: numberField(baseline),
      target: numberField(target) ?? undefined,
      targetDate: dateField(one(raw, `goals.${n}.targetDate`))
    };
  }
  return {
    ...(raw.version !== undefined ? { version: one(raw, 'version') } : {}),
    title: one(raw, 'title'),
    description: one(raw, 'description'),
    goalCodes: many(raw, 'goalCodes'),
    responsibleOrganisationIds: many(raw, 'responsibleOrganisationIds'),
    responsibleRole: one(raw, 'responsibleRole'),
    partners: lines(one(raw, 'partners')),
    startDate: dateField(one(raw, 'startDate')),
    endDate: dateField(one(raw, 'endDate')),
    budgetSek: numberField(one(raw, 'budgetSek')),
    fundingSource: one(raw, 'fundingSource'),
    // Empty rows are dropped; the form puts its one empty row last, so the indexes of the others stay.
    goals: goals.filter(Boolean)
  };
}

export function followUpFromForm(raw: Raw): Record<string, unknown> {
  const interventions = many(raw, 'interventionIds').map((id) => ({
    interventionId: id,
    status: one(raw, `status.${id}`) || null,
    comment: one(raw, `comment.${id}`)
  }));
  const outcomes = many(raw, 'goalIds').map((id) => ({ goalId: id, outcome: numberField(one(raw, `outcome.${id}`)), comment: one(raw, `outcomeComment.${id}`) }));
  return { version: one(raw, 'version'), summary: one(raw, 'summary'), lessons: one(raw, 'lessons'), interventions, outcomes };
}

const cells = (line: string) => line.split('|').map((c) => c.trim());

/** The version editor's line-based fields ("a | b | c") → programme content; a malformed line is a field error. */
export function contentFromForm(raw: Raw): { version: string; content: unknown } {
  const errors: Record<string, string> = {};
  const parse = <T>(field: string, min: number, map: (c: string[]) => T | null): T[] =>
    lines(one(raw, field)).flatMap((line, i) => {
      const c = cells(line);
      const value = c.length >= min ? map(c) : null;
      if (value === null) {
        errors[field] ??= `Rad ${i + 1}: ${line}`;
        return [];
      }
      return [value];
    });
  const num = (s: string | undefined) => {
    const v = numberField(s ?? '');
    return typeof v === 'number' ? v : v === null ? null : undefined;
  };
  const indicators = parse('indicators', 5, (c) => {
    const [code, name, unit, baseline, target, targetYear] = c;
    const b = num(baseline);
    const t = num(target);
    const y = num(targetYear);
    if (b === undefined || t === undefined || t === null || y === undefined) return null;
    return { code, indicator: { name, unit, baseline: b, target: t, targetYear: y } };
  });
  const goals = parse('goals', 2, ([code, title, ...rest]) => ({ code, title, description: rest.join(' | '), indicators: indicators.filter((i) => i.code === code).map((i) => i.indicator) }));
  for (const i of indicators) if (!goals.some((g) => g.code === i.code)) errors.indicators ??= `${i.code}: ${i.indicator.name}`;
  const content: ProgrammeContent = {
    background: one(raw, 'background'),
    steeringDocuments: parse('steeringDocuments', 1, ([title, diaryNumber]) => ({ title, diaryNumber: diaryNumber || null })),
    analysis: one(raw, 'analysis'),
    structuralFigures: parse('structuralFigures', 2, ([label, value, source]) => ({ label, value, source: source ?? '' })),
    swot: { strengths: lines(one(raw, 'strengths')), weaknesses: lines(one(raw, 'weaknesses')), opportunities: lines(one(raw, 'opportunities')), threats: lines(one(raw, 'threats')) },
    goals,
    priorities: parse('priorities', 1, ([title, ...rest]) => ({ title, text: rest.join(' | ') })),
    implementation: one(raw, 'implementation')
  };
  if (Object.keys(errors).length) {
    throw invalid(Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, `Raden har fel format (${v}).`])));
  }
  return { version: one(raw, 'version'), content };
}

export function contentToForm(c: ProgrammeContent): Record<string, string> {
  const fmt = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));
  return {
    background: c.background,
    steeringDocuments: c.steeringDocuments.map((d) => (d.diaryNumber ? `${d.title} | ${d.diaryNumber}` : d.title)).join('\n'),
    analysis: c.analysis,
    structuralFigures: c.structuralFigures.map((f) => [f.label, f.value, f.source].join(' | ')).join('\n'),
    strengths: c.swot.strengths.join('\n'),
    weaknesses: c.swot.weaknesses.join('\n'),
    opportunities: c.swot.opportunities.join('\n'),
    threats: c.swot.threats.join('\n'),
    goals: c.goals.map((g) => [g.code, g.title, g.description].join(' | ')).join('\n'),
    indicators: c.goals.flatMap((g) => g.indicators.map((i) => [g.code, i.name, i.unit, fmt(i.baseline), fmt(i.target), i.targetYear ?? ''].join(' | '))).join('\n'),
    priorities: c.priorities.map((p) => (p.text ? `${p.title} | ${p.text}` : p.title)).join('\n'),
    implementation: c.implementation
  };
}

export function municipalFromForm(raw: Raw): Record<string, unknown> {
  return {
    version: one(raw, 'version'),
    title: one(raw, 'title'),
    periodStart: one(raw, 'periodStart'),
    periodEnd: one(raw, 'periodEnd'),
    adoptedDate: dateField(one(raw, 'adoptedDate')),
    localAnalysis: one(raw, 'localAnalysis'),
    swot: { strengths: lines(one(raw, 'strengths')), weaknesses: lines(one(raw, 'weaknesses')), opportunities: lines(one(raw, 'opportunities')), threats: lines(one(raw, 'threats')) },
    priorities: lines(one(raw, 'priorities')),
    interventions: lines(one(raw, 'interventions')).map((l) => {
      const [title, description, responsible, timing] = cells(l);
      return { title, description: description ?? '', responsible: responsible ?? '', timing: timing ?? '' };
    })
  };
}
