/**
 * The pull feed for HR systems: records in head office's receive order. The cursor is head
 * office's record sequence (an opaque decimal string to clients); each token remembers the
 * cursor it acknowledged, and a request without `after` resumes from there.
 */
import type { HoStore } from './store/types.js';

export type FeedItem = {
  cursor: string;
  recordId: string;
  kind: string;
  status: string;
  storeId: string;
  kioskId: string;
  subjectId: string;
  interviewId: string | null;
  kioskCreatedAt: string;
  receivedAt: string;
  erased: boolean;
  payload: unknown;
};
export type FeedPage = { items: FeedItem[]; nextCursor: string; hasMore: boolean };

type Row = {
  seq: number;
  id: string;
  kind: string;
  status: string;
  store_id: string;
  kiosk_id: string;
  subject_id: string;
  interview_id: string | null;
  kiosk_created_at: string;
  received_at: string;
  erased_at: string | null;
  payload_json: string | null;
};

export const MAX_FEED_LIMIT = 1000;

export async function readFeed(store: HoStore, opts: { after: number; limit: number; store?: string | undefined; status?: string | undefined }): Promise<FeedPage> {
  const limit = Math.max(1, Math.min(MAX_FEED_LIMIT, Math.floor(opts.limit)));
  const where = ['seq > ?'];
  const params: (string | number)[] = [opts.after];
  if (opts.store) {
    where.push('store_id = ?');
    params.push(opts.store);
  }
  if (opts.status) {
    where.push('status = ?');
    params.push(opts.status);
  }
  params.push(limit + 1);
  const rows = await store.all<Row>(
    `SELECT seq, id, kind, status, store_id, kiosk_id, subject_id, interview_id, kiosk_created_at, received_at, erased_at, payload_json
     FROM ho_records WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`,
    params,
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      cursor: String(r.seq),
      recordId: r.id,
      kind: r.kind,
      status: r.status,
      storeId: r.store_id,
      kioskId: r.kiosk_id,
      subjectId: r.subject_id,
      interviewId: r.interview_id,
      kioskCreatedAt: r.kiosk_created_at,
      receivedAt: r.received_at,
      erased: r.erased_at !== null,
      payload: r.payload_json === null ? null : (JSON.parse(r.payload_json) as unknown),
    })),
    nextCursor: String(page.at(-1)?.seq ?? opts.after),
    hasMore: rows.length > limit,
  };
}

export const parseCursor = (s: string | undefined): number | null => (s === undefined || s === '' ? null : /^\d{1,15}$/.test(s) ? Number(s) : NaN);

/** Acks only move forward: a late ack of an older page cannot rewind the consumer. */
export async function ackFeed(store: HoStore, tokenId: string, cursor: number): Promise<number> {
  await store.run('UPDATE ho_tokens SET feed_cursor = ?, last_used_at = ? WHERE id = ? AND feed_cursor < ?', [cursor, new Date().toISOString(), tokenId, cursor]);
  const r = await store.get<{ feed_cursor: number }>('SELECT feed_cursor FROM ho_tokens WHERE id = ?', [tokenId]);
  return r?.feed_cursor ?? cursor;
}
