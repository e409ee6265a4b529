import ExcelJS from 'exceljs';

/**
 * Excel workbooks from rows: one sheet per table, a bold frozen header row, typed cells (numbers stay
 * numbers, money with thousands separators, dates as dates) so the figures can be summed in Excel.
 */
export type ColumnKind = 'text' | 'integer' | 'money' | 'decimal' | 'percent' | 'date';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  kind?: ColumnKind;
}

export interface Sheet {
  name: string;
  columns: SheetColumn[];
  rows: Record<string, string | number | null | undefined>[];
}

const FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: '#,##0',
  money: '#,##0 "kr"',
  decimal: '#,##0.0',
  percent: '0.0%',
  date: 'yyyy-mm-dd'
};

export async function renderXlsx(sheets: Sheet[], meta: { title?: string; creator?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = meta.creator ?? 'RSP';
  workbook.title = meta.title ?? '';
  workbook.created = new Date();
  for (const sheet of sheets) {
    // Excel allows 31 characters and no []:*?/\ in a sheet name.
    const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(12, c.header.length + 2) }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) {
      const values: Record<string, string | number | Date | null> = {};
      for (const column of sheet.columns) {
        const value = row[column.key];
        if (value === undefined || value === null || value === '') values[column.key] = null;
        else if (column.kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[column.key] = new Date(`${value}T00:00:00Z`);
        else values[column.key] = value;
      }
      ws.addRow(values);
    }
    sheet.columns.forEach((column, i) => {
      const format = column.kind ? FORMATS[column.kind] : undefined;
      if (format) ws.getColumn(i + 1).numFmt = format;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
