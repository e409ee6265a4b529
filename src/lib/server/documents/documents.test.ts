import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx';
import { renderXlsx } from './xlsx';
import { docxParagraphs, xlsxSheets } from './inspect';
import { download, serveStoredFile } from './response';

describe('document builders', () => {
  it('writes a Word document whose paragraphs read back in order, with checkboxes and escaped text', async () => {
    const buffer = await renderDocx({
      title: 'Handlingsplan 2024',
      blocks: [
        { kind: 'heading', level: 1, text: 'Handlingsplan 2024' },
        { kind: 'paragraph', text: 'Första stycket.\n\nAndra stycket med <tecken> & "citat".' },
        { kind: 'bullets', items: ['Punkt ett', 'Punkt två'] },
        { kind: 'table', headers: ['Insats', 'Budget'], rows: [['Service Z', 120000]], numeric: [1] },
        { kind: 'checkboxes', options: [{ label: 'Ja', checked: true }, { label: 'Nej', checked: false }] }
      ]
    });
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const paragraphs = await docxParagraphs(buffer);
    expect(paragraphs).toEqual(['Handlingsplan 2024', 'Första stycket.', 'Andra stycket med <tecken> & "citat".', 'Punkt ett', 'Punkt två', 'Insats', 'Budget', 'Service Z', '120000', 'Ja ☒', 'Nej ☐']);
  });

  it('writes an Excel workbook with typed cells that reads back', async () => {
    const buffer = await renderXlsx([
      {
        name: 'Uppföljning 2023',
        columns: [
          { header: 'Insats', key: 'title' },
          { header: 'Mål', key: 'target', kind: 'integer' },
          { header: 'Datum', key: 'date', kind: 'date' }
        ],
        rows: [{ title: 'Hemsändning', target: 1200, date: '2023-12-31' }]
      }
    ]);
    const sheets = await xlsxSheets(buffer);
    expect(sheets['Uppföljning 2023']).toEqual([
      ['Insats', 'Mål', 'Datum'],
      ['Hemsändning', 1200, '2023-12-31']
    ]);
  });

  it('names a download in UTF-8 with an ASCII fallback', () => {
    const res = download(Buffer.from('x'), 'Uppföljning Jämtland 2023.xlsx', 'xlsx');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Uppfoljning Jamtland 2023.xlsx"; filename*=UTF-8''Uppf%C3%B6ljning%20J%C3%A4mtland%202023.xlsx`
    );
  });

  it('serves a stored file with its stored media type, name and no caching', async () => {
    const res = serveStoredFile({ name: 'Protokoll §3 (å).pdf', mediaType: 'application/pdf', data: Buffer.from('%PDF-1.4') });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Protokoll _3 _a_.pdf"; filename*=UTF-8''${encodeURIComponent('Protokoll §3 (å).pdf')}`
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF-1.4');
  });
});
