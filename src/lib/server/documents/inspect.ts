import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/**
 * Reads back what the builders wrote, the way Word and Excel would: tests use these to prove an export
 * opens (valid zip, valid XML parts) and contains what it should, in order.
 */
export async function docxParagraphs(buffer: Buffer | Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('not a Word document: word/document.xml is missing');
  if (!zip.file('[Content_Types].xml')) throw new Error('not an Office document: [Content_Types].xml is missing');
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs
    .map((p) =>
      (p.match(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g) ?? [])
        .map((t) => (t === '<w:br/>' ? '\n' : t.replace(/<[^>]+>/g, '')))
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
    )
    .filter((text) => text.length > 0);
}

export async function xlsxSheets(buffer: Buffer | Uint8Array): Promise<Record<string, (string | number | null)[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: Record<string, (string | number | null)[][]> = {};
  workbook.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1).map((v) => {
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return v.toISOString().slice(0, 10);
        if (typeof v === 'object' && v && 'result' in v) return (v as { result: number }).result;
        return v as string | number;
      });
      rows.push(values);
    });
    out[ws.name] = rows;
  });
  return out;
}
