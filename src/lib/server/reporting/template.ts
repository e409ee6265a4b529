import type { Queryable } from '../db';
import { notFound } from '../errors';

/**
 * The result-report template of a reporting year, read from the template tables (migrations load one per
 * year). Question numbers are stable strings: "1.1" … "6.3", and the sub-questions of 5.1 are "5.1a"–"5.1d".
 */
export type QuestionKind = 'text' | 'choice' | 'effects';
export type Choice = 'yes' | 'no' | 'na';
export type Basis = 'uppfoljning' | 'utvardering' | 'egen_bedomning';
export const CHOICES: readonly Choice[] = ['yes', 'no', 'na'];
export const BASES: readonly Basis[] = ['uppfoljning', 'utvardering', 'egen_bedomning'];

/** How choices and bases are written in the template's own (Swedish) words, as in the Word document. */
export const CHOICE_LABELS: Record<Choice, string> = { yes: 'Ja', no: 'Nej', na: 'Ej aktuellt' };
export const BASIS_LABELS: Record<Basis, string> = { uppfoljning: 'Uppföljning', utvardering: 'Utvärdering', egen_bedomning: 'Egen bedömning' };

export interface TemplateQuestion {
  number: string;
  section: number;
  kind: QuestionKind;
  text: string;
  lead: string | null;
  choices: Choice[];
  conditionalText: string | null;
  note: string | null;
  required: boolean;
}

export interface TemplateSection {
  number: number;
  title: string;
  limit: number;
  /** The question range the limit covers, as the template writes it: "1.1–1.5", "5.1–5.3". */
  range: string;
  instructions: string[];
  questions: TemplateQuestion[];
}

export interface Template {
  year: number;
  title: string;
  sections: TemplateSection[];
}

/** "5.1a" → "5.1": the number a sub-question is listed under in ranges. */
const baseNumber = (number: string) => number.replace(/[a-z]+$/, '');

export async function listTemplateYears(db: Queryable): Promise<number[]> {
  const rows = await db.selectFrom('report_templates').select('year').orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

export async function loadTemplate(db: Queryable, year: number): Promise<Template> {
  const template = await db.selectFrom('report_templates').selectAll().where('year', '=', year).executeTakeFirst();
  if (!template) throw notFound();
  const [sections, instructions, questions] = await Promise.all([
    db.selectFrom('report_template_sections').selectAll().where('template_year', '=', year).orderBy('number').execute(),
    db.selectFrom('report_template_instructions').selectAll().where('template_year', '=', year).orderBy('section_number').orderBy('position').execute(),
    db.selectFrom('report_template_questions').selectAll().where('template_year', '=', year).orderBy('section_number').orderBy('position').execute()
  ]);
  return {
    year,
    title: template.title,
    sections: sections.map((s) => {
      const own = questions.filter((q) => q.section_number === s.number);
      const range = own.length ? `${baseNumber(own[0].number)}–${baseNumber(own[own.length - 1].number)}` : '';
      return {
        number: s.number,
        title: s.title,
        limit: s.char_limit,
        range,
        instructions: instructions.filter((i) => i.section_number === s.number).map((i) => i.text),
        questions: own.map((q) => ({
          number: q.number,
          section: s.number,
          kind: q.kind,
          text: q.text,
          lead: q.lead,
          choices: (q.choices ?? []) as Choice[],
          conditionalText: q.conditional_text,
          note: q.note,
          required: q.required
        }))
      };
    })
  };
}

export function findQuestion(template: Template, number: string): TemplateQuestion | undefined {
  for (const section of template.sections) for (const q of section.questions) if (q.number === number) return q;
  return undefined;
}
