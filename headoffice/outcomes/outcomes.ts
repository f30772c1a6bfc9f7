/**
 * Outcomes per hired applicant: hire date, still working at 30 and 90 days, manager rating
 * 1–5. Keyed by interview id or the applicant's receipt code. A submission (API call or CSV
 * file) is all or nothing: every row is checked, and if any row has a problem nothing is
 * written and every problem is listed with its row, column and what is wrong. Re-sending a
 * row for the same interview replaces it (so a 90-day answer can be added later).
 */
import type { HoStore, Queryable } from '../store/types.js';
import { parseCsv } from './csv.js';

export type RowError = { row: number; column: string; problem: string };
export type Outcome = { interviewId: string; storeId: string; packId: string; hireDate: string; retained30: 0 | 1 | null; retained90: 0 | 1 | null; rating: number | null };
export type RecordResult = { ok: true; inserted: number; updated: number; outcomes: Outcome[] } | { ok: false; errors: RowError[]; errorCount: number };

/** Column names: CSV header (snake case) → API field (camel case). */
export const OUTCOME_COLUMNS = {
  interview_id: 'interviewId',
  receipt_code: 'receiptCode',
  hire_date: 'hireDate',
  retained_30d: 'retained30',
  retained_90d: 'retained90',
  manager_rating: 'rating',
} as const;
type Field = (typeof OUTCOME_COLUMNS)[keyof typeof OUTCOME_COLUMNS];
type Raw = { row: number; values: Partial<Record<Field, unknown>>; names: Record<Field, string> };

const MAX_LISTED_ERRORS = 200;
const YES = new Set(['yes', 'y', 'true', '1', '是', '在职']);
const NO = new Set(['no', 'n', 'false', '0', '否', '离职']);

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function yesNo(v: unknown): 0 | 1 | null | 'bad' {
  if (blank(v)) return null;
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  const s = String(v).trim().toLowerCase();
  return YES.has(s) ? 1 : NO.has(s) ? 0 : 'bad';
}

function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.trim())) return null;
  const d = new Date(`${v.trim()}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v.trim() ? v.trim() : null;
}

type Known = { id: string; store_id: string; pack_id: string; started_at: string | null };

async function receiptCodes(store: HoStore, q: Queryable): Promise<Map<string, string>> {
  const extract = store.dialect === 'pg' ? `(payload_json::jsonb #>> '{interview,receiptCode}')` : `json_extract(payload_json, '$.interview.receiptCode')`;
  const rows = await q.all<{ interview_id: string; code: string | null }>(`SELECT interview_id, ${extract} AS code FROM ho_records WHERE kind = 'interview.completed' AND payload_json IS NOT NULL`);
  const m = new Map<string, string>();
  for (const r of rows) if (r.code) m.set(String(r.code).toUpperCase(), r.interview_id);
  return m;
}

async function validate(store: HoStore, q: Queryable, raws: Raw[], today: string): Promise<{ errors: RowError[]; outcomes: Outcome[] }> {
  const errors: RowError[] = [];
  const outcomes: Outcome[] = [];
  const seen = new Map<string, number>();
  const codes = raws.some((r) => !blank(r.values.receiptCode)) ? await receiptCodes(store, q) : new Map<string, string>();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const r of raws) {
    const err = (f: Field, problem: string) => errors.push({ row: r.row, column: r.names[f], problem });
    const before = errors.length;
    const v = r.values;
    let interviewId: string | null = null;
    if (!blank(v.interviewId)) interviewId = String(v.interviewId).trim();
    if (!blank(v.receiptCode)) {
      const byCode = codes.get(String(v.receiptCode).trim().toUpperCase());
      if (!byCode) err('receiptCode', `no interview at head office has receipt code "${String(v.receiptCode).slice(0, 20)}" (mistyped, not synced yet, or deleted on request)`);
      else if (interviewId && interviewId !== byCode) err('receiptCode', 'the receipt code belongs to another interview than the interview id on this row');
      else interviewId = byCode;
    }
    let known: Known | undefined;
    if (blank(v.interviewId) && blank(v.receiptCode)) err('interviewId', `give the interview id or the receipt code`);
    else if (interviewId && errors.length === before) {
      known = await q.get<Known>('SELECT id, store_id, pack_id, started_at FROM ho_interviews WHERE id = ?', [interviewId]);
      if (!known) err('interviewId', `unknown interview "${interviewId.slice(0, 40)}" (not synced yet, or deleted on request)`);
      else if (seen.has(known.id)) err('interviewId', `the same interview is already on row ${seen.get(known.id)}`);
      else seen.set(known.id, r.row);
    }
    const hireDate = isoDate(v.hireDate);
    if (blank(v.hireDate)) err('hireDate', 'missing: the date the applicant was hired (YYYY-MM-DD)');
    else if (!hireDate) err('hireDate', `"${String(v.hireDate).slice(0, 20)}" is not a date in the form YYYY-MM-DD`);
    else if (hireDate > tomorrow) err('hireDate', `${hireDate} is in the future`);
    else if (known?.started_at && hireDate < known.started_at.slice(0, 10) && Date.parse(known.started_at) - Date.parse(hireDate) > 86_400_000)
      err('hireDate', `${hireDate} is before the interview (${known.started_at.slice(0, 10)})`);
    const r30 = yesNo(v.retained30);
    const r90 = yesNo(v.retained90);
    if (r30 === 'bad') err('retained30', `"${String(v.retained30).slice(0, 20)}" is not yes/no (leave empty if not known yet)`);
    if (r90 === 'bad') err('retained90', `"${String(v.retained90).slice(0, 20)}" is not yes/no (leave empty if not known yet)`);
    if (r30 === 0 && r90 === 1) err('retained90', 'still working at 90 days but not at 30 days: check both columns');
    let rating: number | null = null;
    if (!blank(v.rating)) {
      const n = Number(typeof v.rating === 'string' ? v.rating.trim() : v.rating);
      if (!Number.isInteger(n) || n < 1 || n > 5) err('rating', `"${String(v.rating).slice(0, 20)}" is not a whole number from 1 to 5`);
      else rating = n;
    }
    if (errors.length === before && known && hireDate && r30 !== 'bad' && r90 !== 'bad')
      outcomes.push({ interviewId: known.id, storeId: known.store_id, packId: known.pack_id, hireDate, retained30: r30, retained90: r90, rating });
  }
  return { errors, outcomes };
}

/** Checks every row, then writes all of them in one transaction — or none. */
export async function recordOutcomes(store: HoStore, raws: Raw[], opts: { source: 'api' | 'csv'; by: string; today?: string }): Promise<RecordResult> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return store.tx(async (q): Promise<RecordResult> => {
    const { errors, outcomes } = await validate(store, q, raws, today);
    if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length };
    let inserted = 0;
    const now = new Date().toISOString();
    for (const o of outcomes) {
      const had = await q.get('SELECT 1 AS x FROM ho_outcomes WHERE interview_id = ?', [o.interviewId]);
      if (!had) inserted++;
      await q.run(
        `INSERT INTO ho_outcomes (interview_id, store_id, pack_id, hire_date, retained_30, retained_90, rating, source, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (interview_id) DO UPDATE SET hire_date = excluded.hire_date, retained_30 = excluded.retained_30, retained_90 = excluded.retained_90,
           rating = excluded.rating, source = excluded.source, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
        [o.interviewId, o.storeId, o.packId, o.hireDate, o.retained30, o.retained90, o.rating, opts.source, opts.by.slice(0, 80), now],
      );
    }
    return { ok: true, inserted, updated: outcomes.length - inserted, outcomes };
  });
}

const API_NAMES = Object.fromEntries(Object.values(OUTCOME_COLUMNS).map((f) => [f, f])) as Record<Field, string>;

/** API body rows (camelCase fields); row numbers count from 1 in the submitted array. */
export function rawFromApi(items: Record<string, unknown>[]): Raw[] {
  return items.map((it, i) => ({ row: i + 1, names: API_NAMES, values: Object.fromEntries(Object.values(OUTCOME_COLUMNS).map((f) => [f, it[f]])) }));
}

/** CSV text → rows; a missing column is reported once against the header row. */
export function rawFromCsv(text: string): { raws: Raw[]; errors: RowError[] } {
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    return { raws: [], errors: [{ row: 0, column: '', problem: (e as Error).message }] };
  }
  const errors: RowError[] = [];
  const has = (c: string) => table.header.includes(c);
  if (!has('interview_id') && !has('receipt_code')) errors.push({ row: 1, column: 'interview_id', problem: 'the header needs an interview_id or a receipt_code column' });
  if (!has('hire_date')) errors.push({ row: 1, column: 'hire_date', problem: 'missing column' });
  const known = new Set(Object.keys(OUTCOME_COLUMNS));
  for (const h of table.header) if (!known.has(h)) errors.push({ row: 1, column: h, problem: `unknown column (expected ${[...known].join(', ')})` });
  if (table.rows.length === 0) errors.push({ row: 2, column: '', problem: 'the file has no data rows' });
  const names = Object.fromEntries(Object.entries(OUTCOME_COLUMNS).map(([c, f]) => [f, c])) as Record<Field, string>;
  const raws = table.rows.map((r) => ({
    row: r.row,
    names,
    values: Object.fromEntries(Object.entries(OUTCOME_COLUMNS).map(([c, f]) => [f, r.cells[c]])) as Partial<Record<Field, unknown>>,
  }));
  return { raws, errors };
}

export async function importOutcomesCsv(store: HoStore, text: string, by: string, today?: string): Promise<RecordResult> {
  const { raws, errors } = rawFromCsv(text);
  if (errors.length > 0) return { ok: false, errors, errorCount: errors.length };
  return recordOutcomes(store, raws, { source: 'csv', by, ...(today ? { today } : {}) });
}
