import type { Db } from '../db/openDatabase.js';
import { canonicalJson, nowIso, sha256Hex } from '../../../core/ids.js';

const GENESIS = '0'.repeat(64);

export type AuditEntry = { actor: string; action: string; subject: string | null; detail?: Record<string, unknown> };

function entryHash(prev: string, at: string, e: { actor: string; action: string; subject: string | null; detail_json: string }): string {
  return sha256Hex(prev + '\n' + canonicalJson({ at, actor: e.actor, action: e.action, subject: e.subject, detail: e.detail_json }));
}

/**
 * Appends one entry to the hash chain. Call inside the transaction of the change it records,
 * with the time that change is stamped with (the service's clock); without one, now.
 */
export function appendAudit(db: Db, entry: AuditEntry, now?: Date): void {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
  const prev = last?.hash ?? GENESIS;
  const at = now ? now.toISOString() : nowIso();
  const detail_json = canonicalJson(entry.detail ?? {});
  const hash = entryHash(prev, at, { ...entry, detail_json });
  db.prepare('INSERT INTO audit_log (at, actor, action, subject, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    at,
    entry.actor,
    entry.action,
    entry.subject,
    detail_json,
    prev,
    hash,
  );
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; firstBrokenSeq: number; problem: string };

/** Walks the chain from the start; reports the first entry whose link or content does not match. */
export function verifyAudit(db: Db): AuditVerdict {
  const rows = db.prepare('SELECT seq, at, actor, action, subject, detail_json, prev_hash, hash FROM audit_log ORDER BY seq').all() as {
    seq: number;
    at: string;
    actor: string;
    action: string;
    subject: string | null;
    detail_json: string;
    prev_hash: string;
    hash: string;
  }[];
  let prev = GENESIS;
  for (const r of rows) {
    if (r.prev_hash !== prev) return { ok: false, entries: rows.length, firstBrokenSeq: r.seq, problem: 'link to the previous entry does not match (an entry was removed or reordered)' };
    if (entryHash(prev, r.at, r) !== r.hash) return { ok: false, entries: rows.length, firstBrokenSeq: r.seq, problem: 'content was changed after it was written' };
    prev = r.hash;
  }
  return { ok: true, entries: rows.length };
}
