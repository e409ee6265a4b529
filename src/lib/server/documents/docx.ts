import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions
} from 'docx';

/**
 * Word documents are built from a list of plain blocks, the same view models the pages render, so a page
 * and its export never disagree. Styles are Word's built-in ones (Heading 1–3, List Bullet), which keeps
 * the navigation pane and screen readers working in Word and LibreOffice.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean; size?: 'small' | 'normal' }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'numbered'; items: string[] }
  | { kind: 'table'; headers: string[]; rows: (string | number)[][]; caption?: string; numeric?: number[] }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'checkboxes'; options: { label: string; checked: boolean }[] }
  | { kind: 'spacer' };

export interface DocxInput {
  title: string;
  subject?: string;
  creator?: string;
  blocks: Block[];
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
const thin = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const cellBorders = { top: thin, bottom: thin, left: thin, right: thin };

/** Splits on line breaks so multi-line text keeps its paragraphs in Word. */
function textParagraphs(text: string, options: { bold?: boolean; italic?: boolean; size?: number } = {}): Paragraph[] {
  return text.split(/\r?\n\r?\n/).map(
    (para) =>
      new Paragraph({
        spacing: { after: 120 },
        children: para.split(/\r?\n/).flatMap((line, i) => [
          ...(i > 0 ? [new TextRun({ break: 1 })] : []),
          new TextRun({ text: line, bold: options.bold, italics: options.italic, size: options.size })
        ])
      })
  );
}

function cell(text: string | number, header: boolean, alignRight: boolean): TableCell {
  return new TableCell({
    borders: cellBorders,
    children: [
      new Paragraph({
        alignment: alignRight ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: String(text), bold: header })]
      })
    ]
  });
}

function blockToChildren(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    case 'paragraph':
      return textParagraphs(block.text, { bold: block.bold, italic: block.italic, size: block.size === 'small' ? 18 : undefined });
    case 'bullets':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'numbered':
      return block.items.map((item, i) => new Paragraph({ text: `${i + 1}. ${item}`, indent: { left: 360, hanging: 360 } }));
    case 'table': {
      const numeric = new Set(block.numeric ?? []);
      const rows = [
        new TableRow({ tableHeader: true, children: block.headers.map((h, i) => cell(h, true, numeric.has(i))) }),
        ...block.rows.map((row) => new TableRow({ children: row.map((value, i) => cell(value, false, numeric.has(i))) }))
      ];
      return [
        ...(block.caption ? [new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })] })] : []),
        new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } }),
        new Paragraph({ text: '' })
      ];
    }
    case 'fields':
      return block.rows.map(
        ([label, value]) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun({ text: value })] })
      );
    case 'checkboxes':
      return block.options.map((o) => new Paragraph({ children: [new TextRun({ text: `${o.label} ${o.checked ? '☒' : '☐'}` })] }));
    case 'spacer':
      return [new Paragraph({ text: '' })];
  }
}

export async function renderDocx(input: DocxInput): Promise<Buffer> {
  const section: ISectionOptions = { children: input.blocks.flatMap(blockToChildren) };
  const document = new Document({
    title: input.title,
    subject: input.subject,
    creator: input.creator ?? 'RSP',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [section]
  });
  return Packer.toBuffer(document);
}
