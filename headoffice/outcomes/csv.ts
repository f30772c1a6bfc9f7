/**
 * A small RFC 4180 reader for outcome files exported from spreadsheets: optional UTF-8 BOM,
 * CRLF or LF, quoted fields with doubled quotes and embedded newlines. Rows keep the line
 * number a person sees in a spreadsheet (header = row 1), so errors point at the right row.
 */
export type CsvRow = { row: number; cells: Record<string, string> };
export type CsvTable = { header: string[]; rows: CsvRow[] };

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is skipped, but it still counts for the row numbers people see.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted && field === '') {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === ',') endField();
    else if (c === '\r' && src[i + 1] === '\n') continue;
    else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new Error(`row ${recordLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  const [head, ...body] = records;
  if (!head) return { header: [], rows: [] };
  const header = head.fields.map((h) => h.trim().toLowerCase());
  return {
    header,
    rows: body.map((r) => ({ row: r.line, cells: Object.fromEntries(header.map((h, i) => [h, (r.fields[i] ?? '').trim()])) })),
  };
}

/** Quotes a cell and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? String(Math.round(v * 10000) / 10000) : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: unknown[]): string => cells.map(csvCell).join(',');
