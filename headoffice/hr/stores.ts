/**
 * Store metadata for HR: each store's region and display names (zh-CN, en), kept in
 * ho_notify_stores (the applicant messages read the same names). Set one store at a time or
 * import a CSV (store,region,name_zh,name_en), from the console, the token API or the CLI —
 * all through these functions; the callers write the action log. Every store head office
 * knows (from kiosks and interviews) is listed, with or without metadata.
 */
import { parseCsv } from '../outcomes/csv.js';
import type { HoStore, Queryable } from '../store/types.js';

export type StoreMeta = { storeId: string; region: string | null; nameZh: string | null; nameEn: string | null; updatedAt: string | null; updatedBy: string | null; kiosks: number };
export type StoreInput = { storeId: string; region?: string | null | undefined; nameZh?: string | null | undefined; nameEn?: string | null | undefined };

/** A refusal in words for the person who typed it (the console and the API show it as is). */
export class StoreInputError extends Error {}

const STORE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const clean = (v: string | null | undefined, max: number, what: string): string | null => {
  const s = (v ?? '').trim();
  if (s.length > max) throw new StoreInputError(`${what}: at most ${max} characters`);
  if (/[\u0000-\u001f]/.test(s)) throw new StoreInputError(`${what}: no control characters`);
  return s === '' ? null : s;
};

function validated(s: StoreInput): { storeId: string; region: string | null; nameZh: string | null; nameEn: string | null } {
  const storeId = (s.storeId ?? '').trim();
  if (!STORE_ID.test(storeId)) throw new StoreInputError(`store id "${storeId.slice(0, 70)}": letters, digits, - and _ only (1 to 64)`);
  return { storeId, region: clean(s.region, 60, 'region'), nameZh: clean(s.nameZh, 80, 'Chinese name'), nameEn: clean(s.nameEn, 80, 'English name') };
}

async function upsert(q: Queryable, v: ReturnType<typeof validated>, by: string): Promise<void> {
  // result_url (the phone page) is left as it is: it belongs to `notify store`.
  await q.run(
    `INSERT INTO ho_notify_stores (store_id, name_zh, name_en, region, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (store_id) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, region = excluded.region, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [v.storeId, v.nameZh, v.nameEn, v.region, new Date().toISOString(), by.slice(0, 120)],
  );
}

/** Fields left undefined keep their value; null or '' clears them. */
export async function setStoreMeta(store: HoStore, input: StoreInput, by: string): Promise<StoreMeta> {
  const now = await store.get<{ region: string | null; name_zh: string | null; name_en: string | null }>('SELECT region, name_zh, name_en FROM ho_notify_stores WHERE store_id = ?', [
    (input.storeId ?? '').trim(),
  ]);
  const v = validated({
    storeId: input.storeId,
    region: input.region === undefined ? now?.region : input.region,
    nameZh: input.nameZh === undefined ? now?.name_zh : input.nameZh,
    nameEn: input.nameEn === undefined ? now?.name_en : input.nameEn,
  });
  await upsert(store, v, by);
  return (await listStores(store)).find((s) => s.storeId === v.storeId)!;
}

/**
 * Imports store,region,name_zh,name_en rows (header required, columns in any order; name
 * columns optional). All or nothing: any bad row refuses the whole file, naming the rows.
 */
export async function importStoresCsv(store: HoStore, text: string, by: string): Promise<{ imported: number }> {
  let t: ReturnType<typeof parseCsv>;
  try {
    t = parseCsv(text);
  } catch (e) {
    throw new StoreInputError((e as Error).message);
  }
  const storeCol = ['store', 'store_id', 'storeid'].find((h) => t.header.includes(h));
  if (!storeCol || !t.header.includes('region')) throw new StoreInputError('the CSV needs a header row with the columns store and region (name_zh and name_en are optional)');
  const problems: string[] = [];
  const rows: ReturnType<typeof validated>[] = [];
  const seen = new Set<string>();
  for (const r of t.rows) {
    try {
      const v = validated({ storeId: r.cells[storeCol] ?? '', region: r.cells.region, nameZh: r.cells.name_zh, nameEn: r.cells.name_en });
      if (seen.has(v.storeId)) throw new StoreInputError(`store ${v.storeId} appears twice`);
      seen.add(v.storeId);
      rows.push(v);
    } catch (e) {
      if (!(e instanceof StoreInputError)) throw e;
      problems.push(`row ${r.row}: ${e.message}`);
    }
  }
  if (problems.length) throw new StoreInputError(`nothing imported — ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  if (rows.length === 0) throw new StoreInputError('the CSV has no rows below its header');
  await store.tx(async (q) => {
    for (const v of rows) await upsert(q, v, by);
  });
  return { imported: rows.length };
}

/** Every store head office knows of: with metadata, with a kiosk, or with an interview. */
export async function listStores(q: Queryable): Promise<StoreMeta[]> {
  const meta = await q.all<{ store_id: string; region: string | null; name_zh: string | null; name_en: string | null; updated_at: string; updated_by: string | null }>(
    'SELECT store_id, region, name_zh, name_en, updated_at, updated_by FROM ho_notify_stores',
  );
  const kiosks = await q.all<{ store_id: string; n: number }>('SELECT store_id, COUNT(*) AS n FROM ho_kiosks WHERE revoked_at IS NULL GROUP BY store_id');
  const seen = await q.all<{ store_id: string }>('SELECT DISTINCT store_id FROM ho_interviews');
  const byId = new Map<string, StoreMeta>();
  const get = (id: string) => {
    let m = byId.get(id);
    if (!m) byId.set(id, (m = { storeId: id, region: null, nameZh: null, nameEn: null, updatedAt: null, updatedBy: null, kiosks: 0 }));
    return m;
  };
  for (const r of meta) Object.assign(get(r.store_id), { region: r.region, nameZh: r.name_zh, nameEn: r.name_en, updatedAt: r.updated_at, updatedBy: r.updated_by });
  for (const k of kiosks) get(k.store_id).kiosks = Number(k.n);
  for (const s of seen) get(s.store_id);
  return [...byId.values()].sort((a, b) => a.storeId.localeCompare(b.storeId));
}

export async function listRegions(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ region: string }>('SELECT DISTINCT region FROM ho_notify_stores WHERE region IS NOT NULL ORDER BY region');
  return rows.map((r) => r.region);
}

/** SQL condition "this store_id column is in the region" and its parameter. */
export const inRegion = (column: string, region: string): { sql: string; param: string } => ({
  sql: `${column} IN (SELECT s.store_id FROM ho_notify_stores s WHERE s.region = ?)`,
  param: region,
});

/** "Store name (S001)" in the page's language, or the id alone when no name is set. */
export const storeLabel = (m: Pick<StoreMeta, 'storeId' | 'nameZh' | 'nameEn'> | undefined, storeId: string, lang: 'zh-CN' | 'en'): string => {
  const name = m ? (lang === 'en' ? (m.nameEn ?? m.nameZh) : (m.nameZh ?? m.nameEn)) : null;
  return name ? `${name} (${storeId})` : storeId;
};
