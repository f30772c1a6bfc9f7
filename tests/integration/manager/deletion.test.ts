import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../electron/services/audit/auditLog.js';
import { inspectableRow, unpackJson } from '../../../electron/services/db/compactJson.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';
import { call } from '../../../electron/services/rpc/registry.js';
import { ErrorCode } from '../../../core/errors.js';
import { finishInterview, managerKiosk, setUpStore, storeScore, type ManagerKiosk } from './managerHarness.js';
import { decryptedDbPages, decryptedWalFrames } from './rawPages.js';

const NAME = '欧阳娜娜';
const MOBILE = '13612349876';
const KEEP_NAME = '司马光明';
const KEEP_MOBILE = '13787654321';

let k: ManagerKiosk;
beforeEach(async () => {
  k = managerKiosk();
  await setUpStore(k);
});
afterEach(async () => {
  await k.close();
});

/** Opens the database file as a separate reader with its key, like someone holding the key would. */
function openWithKey(): Database.Database {
  const db = new Database(k.config.dbFile, { readonly: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${k.key}'"`);
  return db;
}

function tablesContaining(needles: string[]): string[] {
  const db = openWithKey();
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    expect(tables.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const t of tables) {
      // Compact JSON columns (scores.result, outbox.payload) are searched as the JSON they hold:
      // deflated, a name would not show in the raw bytes.
      const dump = JSON.stringify((db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).map(inspectableRow));
      for (const n of needles) if (dump.includes(n)) hits.push(`${t}:${n}`);
    }
    return hits;
  } finally {
    db.close();
  }
}

const rawHits = (needles: string[]) => {
  const pages = decryptedDbPages(k.config.dbFile, k.key);
  const wal = decryptedWalFrames(`${k.config.dbFile}-wal`, k.key);
  return {
    pages: needles.filter((n) => pages.includes(Buffer.from(n, 'utf8'))),
    wal: needles.filter((n) => wal.bytes.includes(Buffer.from(n, 'utf8'))),
    walFrames: wal.frames,
    // Decryption really works: the schema text is readable in page 1 or its WAL copy.
    sanity: Buffer.concat([pages, wal.bytes]).includes(Buffer.from('CREATE TABLE applicants', 'utf8')),
  };
};

describe('deletion on request', () => {
  it('removes name and mobile from every table, the decrypted pages and the WAL; keeps a tombstone and audit entry', async () => {
    const gone = await finishInterview(k, { name: NAME, mobile: MOBILE });
    const second = await finishInterview(k, { name: NAME, mobile: MOBILE }); // the same person applied twice
    const kept = await finishInterview(k, { name: KEEP_NAME, mobile: KEEP_MOBILE });
    storeScore(k.db, gone.interviewId, 'recommend');
    await k.rpc('manager:decide', { interviewId: gone.interviewId, decision: 'fail', reason: `${NAME} 周末没空` });
    await k.rpc('manager:poolAdd', { interviewId: second.interviewId, note: null });
    await call(k.ctx.registry, 'interview:humanRequest', { interviewId: null, packId: 'test-sorter', name: NAME, mobile: MOBILE, lang: 'zh-CN' });

    // Positive control: before deletion the scanners do find the data (so "not found" later means something).
    expect(tablesContaining([NAME, MOBILE]).length).toBeGreaterThan(4);
    const before = rawHits([NAME, MOBILE, KEEP_NAME]);
    expect(before.sanity).toBe(true);
    expect([...before.pages, ...before.wal]).toEqual(expect.arrayContaining([NAME, MOBILE, KEEP_NAME]));

    const r = await k.rpc('manager:deleteApplicant', { interviewId: gone.interviewId, reason: 'applicant_request' });
    expect(r.deletedInterviews).toBe(2);

    expect(tablesContaining([NAME, MOBILE, gone.receiptCode, second.receiptCode])).toEqual([]);
    const after = rawHits([NAME, MOBILE, KEEP_NAME, KEEP_MOBILE]);
    expect(after.sanity).toBe(true);
    expect(after.walFrames).toBe(0); // checkpoint(TRUNCATE) emptied the WAL
    expect(after.pages).not.toContain(NAME);
    expect(after.pages).not.toContain(MOBILE);
    // The other applicant is untouched and still findable by the same scanner.
    expect(after.pages).toEqual(expect.arrayContaining([KEEP_NAME, KEEP_MOBILE]));
    expect((await k.rpc('manager:applicant', { interviewId: kept.interviewId })).profile?.name).toBe(KEEP_NAME);

    const tomb = k.db.prepare('SELECT * FROM deletion_tombstones').all() as { interview_ids_json: string; reason: string; actor: string }[];
    expect(tomb).toHaveLength(1);
    expect(JSON.parse(tomb[0]!.interview_ids_json).sort()).toEqual([gone.interviewId, second.interviewId].sort());
    expect(tomb[0]).toMatchObject({ reason: 'applicant_request', actor: '王经理' });
    expect(k.db.prepare(`SELECT actor FROM audit_log WHERE action = 'applicant.deleted'`).all()).toEqual([{ actor: '王经理' }]);
    const kinds = (k.db.prepare('SELECT kind FROM outbox ORDER BY rowid').all() as { kind: string }[]).map((x) => x.kind);
    expect(kinds).toEqual(['interview.completed', 'applicant.deleted']); // unsent records about them are gone
    expect(verifyAudit(k.db).ok).toBe(true);
    await expect(k.rpc('manager:applicant', { interviewId: gone.interviewId })).rejects.toMatchObject({ code: ErrorCode.NotFound });
    await expect(call(k.ctx.registry, 'lookup:result', { mobile: MOBILE, code: gone.receiptCode })).resolves.toEqual({ status: 'notFound' });
  });

  it("keeps another person's call-back request and application that share the phone number", async () => {
    const SIBLING = '欧阳菲菲'; // same family phone, a different person
    const gone = await finishInterview(k, { name: NAME, mobile: MOBILE });
    const siblingIv = await finishInterview(k, { name: SIBLING, mobile: MOBILE });
    const { requestId: siblingRequest } = await call(k.ctx.registry, 'interview:humanRequest', { interviewId: null, packId: 'test-sorter', name: SIBLING, mobile: MOBILE, lang: 'zh-CN' });
    const { requestId: ownRequest } = await call(k.ctx.registry, 'interview:humanRequest', { interviewId: null, packId: 'test-sorter', name: ` ${NAME} `, mobile: MOBILE, lang: 'zh-CN' });

    const r = await k.rpc('manager:deleteApplicant', { interviewId: gone.interviewId, reason: 'applicant_request' });
    expect(r.deletedInterviews).toBe(1);
    // Their own call-back request went with them; the sibling's request and application stay.
    expect(k.db.prepare('SELECT id, name, mobile FROM human_requests').all()).toEqual([{ id: siblingRequest, name: SIBLING, mobile: MOBILE }]);
    expect(k.db.prepare('SELECT id FROM human_requests WHERE id = ?').get(ownRequest)).toBeUndefined();
    expect((await k.rpc('manager:applicant', { interviewId: siblingIv.interviewId })).profile?.name).toBe(SIBLING);
    // The sibling's sync records are untouched (not dropped, not redacted).
    const outbox = k.db.prepare(`SELECT id, subject_id FROM outbox WHERE kind = 'human.requested'`).all() as { id: string; subject_id: string }[];
    expect(outbox.map((o) => o.subject_id)).toEqual([siblingRequest]);
    expect(JSON.stringify(readOutboxPayload(k.db, outbox[0]!.id))).toContain(SIBLING);
    expect(tablesContaining([NAME])).toEqual([]);
    expect(verifyAudit(k.db).ok).toBe(true);
  });

  it('redacts sync records that were already sealed into a batch', async () => {
    const gone = await finishInterview(k, { name: NAME, mobile: MOBILE });
    // Pretend sync sealed (and head office acknowledged) everything so far.
    k.db
      .prepare(`INSERT INTO sync_batches (id, seq, record_count, first_record_id, last_record_id, body, signature, created_at, acked_at) VALUES ('b1', 1, 1, 'x', 'x', NULL, 'sig', 'now', 'now')`)
      .run();
    // (A sealed row has its content hash, and an acknowledged one no payload: as applyAck leaves it.)
    k.db.prepare(`UPDATE outbox SET batch_id = 'b1', acked_at = 'now', content_hash = COALESCE(content_hash, 'sealed'), payload = NULL`).run();
    await k.rpc('manager:deleteApplicant', { interviewId: gone.interviewId, reason: 'applicant_request' });
    const rows = k.db.prepare(`SELECT kind, payload FROM outbox ORDER BY rowid`).all() as { kind: string; payload: Buffer | null }[];
    expect(rows.map((x) => x.kind)).toEqual(['interview.completed', 'applicant.deleted']);
    expect(unpackJson(rows[0]!.payload)).toBe('{"redacted":"applicant.deleted"}');
    expect(tablesContaining([NAME, MOBILE])).toEqual([]);
    expect(rawHits([NAME, MOBILE]).pages).toEqual([]);
  });
});
