import type { Db } from '../db';
import type { MaybeActor } from '../auth/actor';
import { renderDocx, type Block } from '../documents/docx';
import { formatCount } from '$lib/reporting/count';
import { getReport, type ReportView } from './service';
import { BASES, BASIS_LABELS, CHOICE_LABELS } from './template';

/**
 * The Word document of a report, laid out like Tillväxtverket's template: section headings, the character
 * limit note, instruction paragraphs, questions, answers, and choices as ☒/☐ — plus the count per section.
 * Built from the same view model the report page shows.
 */
export function reportBlocks(report: ReportView): Block[] {
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: report.template.title },
    {
      kind: 'fields',
      rows: [
        ['Län', report.countyName],
        ['Redovisningsår', String(report.year)],
        ['Status', { draft: 'Utkast', ready: 'Klar för granskning', submitted: 'Inlämnad' }[report.status]]
      ]
    }
  ];
  for (const section of report.template.sections) {
    blocks.push({ kind: 'heading', level: 2, text: `${section.number}. ${section.title}` });
    blocks.push({
      kind: 'paragraph',
      bold: true,
      text: `Observera! Maximalt antal tecken inklusive blanksteg för frågorna ${section.range} är sammantaget ${formatCount(section.limit)}.`
    });
    for (const instruction of section.instructions) blocks.push({ kind: 'paragraph', text: instruction });
    blocks.push({ kind: 'paragraph', italic: true, text: `Antal tecken i avsnittet: ${formatCount(report.counts[section.number])} av ${formatCount(section.limit)}.` });
    for (const q of section.questions) {
      const answer = report.answers[q.number];
      if (q.lead) blocks.push({ kind: 'heading', level: 3, text: q.lead });
      if (q.kind === 'choice') {
        blocks.push({ kind: 'paragraph', bold: true, text: `• ${q.text}` });
        blocks.push({ kind: 'checkboxes', options: q.choices.map((c) => ({ label: CHOICE_LABELS[c], checked: answer.choice === c })) });
        if (q.conditionalText) blocks.push({ kind: 'paragraph', italic: true, text: q.conditionalText });
      } else {
        blocks.push({ kind: 'heading', level: 3, text: `${q.number} ${q.text}` });
        if (q.note) blocks.push({ kind: 'paragraph', size: 'small', italic: true, text: q.note });
      }
      if (q.kind === 'effects') {
        blocks.push({ kind: 'paragraph', text: 'Resultatbeskrivningen baseras på:' });
        blocks.push({ kind: 'checkboxes', options: BASES.map((b) => ({ label: BASIS_LABELS[b], checked: answer.basis === b })) });
      }
      blocks.push(answer.text.trim() ? { kind: 'paragraph', text: answer.text } : { kind: 'paragraph', italic: true, text: '(Inget svar)' });
    }
  }
  return blocks;
}

export function reportFilename(report: ReportView): string {
  return `Resultatredovisning ${report.year} ${report.countyName}.docx`;
}

export async function exportReport(db: Db, actor: MaybeActor, code: string, year: number): Promise<{ buffer: Buffer; filename: string }> {
  const report = await getReport(db, actor, code, year);
  const buffer = await renderDocx({ title: `${report.template.title} – ${report.countyName} ${report.year}`, subject: 'Resultatredovisning', blocks: reportBlocks(report) });
  return { buffer, filename: reportFilename(report) };
}
