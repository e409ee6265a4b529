import * as z from 'zod';
import type { ReportView } from './service';
import { yearSchema } from './service';
import { notFound } from '../errors';

/** The JSON shapes of /api/v1/result-reports, also used for the OpenAPI document. */
const kind = z.enum(['text', 'choice', 'effects']);
export const reportJsonSchema = z.object({
  countyCode: z.string(),
  year: z.number(),
  status: z.enum(['draft', 'ready', 'submitted']),
  template: z.object({
    year: z.number(),
    sections: z.array(
      z.object({
        number: z.number(),
        title: z.string(),
        limit: z.number(),
        questions: z.array(z.object({ number: z.string(), text: z.string(), kind, choices: z.array(z.enum(['yes', 'no', 'na'])).optional(), required: z.boolean() }))
      })
    )
  }),
  answers: z.record(
    z.string(),
    z.object({ text: z.string(), choice: z.enum(['yes', 'no', 'na']).nullable().optional(), basis: z.enum(['uppfoljning', 'utvardering', 'egen_bedomning']).nullable().optional(), version: z.number() })
  ),
  counts: z.record(z.string(), z.number())
});

export const saveResponseSchema = z.object({ question: z.string(), version: z.number(), counts: z.record(z.string(), z.number()) });
export const problemSchema = z.object({ kind: z.enum(['overLimit', 'choiceMissing']), section: z.number(), question: z.string().optional(), count: z.number().optional(), limit: z.number().optional() });
export const statusBodySchema = z.object({ ready: z.boolean({ error: 'error.validation' }) });
export const factSchema = z.object({ id: z.string(), section: z.number(), label: z.string(), text: z.string(), source: z.string() });

/** Path parameters: a two-digit county code, a year, and for the Word file "2024.docx". */
export function parseYear(raw: string): { year: number; docx: boolean } {
  const match = /^(\d{4})(\.docx)?$/.exec(raw);
  if (!match || !yearSchema.safeParse(match[1]).success) throw notFound();
  return { year: Number(match[1]), docx: Boolean(match[2]) };
}

/**
 * The report as the API gives it. Every question of the template has an entry in `answers` (version 0 =
 * never saved); `choice` appears on choice questions and `basis` on effects questions only.
 */
export function reportJson(report: ReportView): z.infer<typeof reportJsonSchema> {
  const answers: z.infer<typeof reportJsonSchema>['answers'] = {};
  for (const section of report.template.sections) {
    for (const q of section.questions) {
      const a = report.answers[q.number];
      answers[q.number] = {
        text: a.text,
        ...(q.kind === 'choice' ? { choice: a.choice } : {}),
        ...(q.kind === 'effects' ? { basis: a.basis } : {}),
        version: a.version
      };
    }
  }
  return {
    countyCode: report.countyCode,
    year: report.year,
    status: report.status,
    template: {
      year: report.template.year,
      sections: report.template.sections.map((s) => ({
        number: s.number,
        title: s.title,
        limit: s.limit,
        questions: s.questions.map((q) => ({ number: q.number, text: q.text, kind: q.kind, ...(q.kind === 'choice' ? { choices: q.choices } : {}), required: q.required }))
      }))
    },
    answers,
    counts: Object.fromEntries(Object.entries(report.counts).map(([k, v]) => [k, v]))
  };
}

/** The year of every other path: "2024" only. */
export function plainYear(raw: string): number {
  const { year, docx } = parseYear(raw);
  if (docx) throw notFound();
  return year;
}
