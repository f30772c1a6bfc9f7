/**
 * The applicant's separate, optional talent-pool consent (kiosk migration 0080) travels in the
 * interview sync record (interview.completed v2) and head office keeps it, on SQLite and on
 * PostgreSQL: in the stored record, the feed and the CSV export. A version 1 record from a kiosk
 * that does not send it yet is still accepted and folded, with the consent as not known.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollKiosk } from '../../../electron/services/sync/enroll.js';
import { recordContentHash } from '../../../core/sync/protocol.js';
import { pushPending } from '../../../electron/services/sync/push.js';
import { getIdentity } from '../../../electron/services/sync/state.js';
import { parseRecord } from '../../../core/records/registry.js';
import { issueEnrollmentCode } from '../../../headoffice/admin.js';
import { exportFeed } from '../../../headoffice/exportFeed.js';
import { openStore } from '../../../headoffice/store/openStore.js';
import type { HoStore } from '../../../headoffice/store/types.js';
import { cleanupTempDirs, completeInterview, listenHo, openSimKiosk, startPgCluster, tempDir, type HoKind, type PgCluster, type SimKiosk } from './harness.js';
import { packJson } from '../../../electron/services/db/compactJson.js';
import { canonicalJson } from '../../../core/ids.js';
import { readOutboxPayload } from '../../../electron/services/sync/outbox.js';

const quick = { maxAttempts: 2, baseMs: 1, maxMs: 2, sleep: async () => undefined };

for (const kind of ['sqlite', 'pg'] as HoKind[]) {
  describe(`talent-pool consent in the interview record, head office on ${kind}`, () => {
    let pg: PgCluster | null = null;
    let store: HoStore;
    let ho: Awaited<ReturnType<typeof listenHo>>;
    let k: SimKiosk;

    beforeAll(async () => {
      if (kind === 'pg') pg = await startPgCluster();
      store = await openStore(pg ? { databaseUrl: await pg.newDatabase() } : { file: path.join(tempDir('ho-pool-'), 'ho.db') });
      ho = await listenHo(store);
      k = openSimKiosk();
      await enrollKiosk(k.db, ho.url, (await issueEnrollmentCode(store, 'S1')).code);
    }, 60_000);
    afterAll(async () => {
      k?.close();
      await ho?.close();
      await store?.close();
      pg?.stop();
      cleanupTempDirs();
    });

    it('a synced interview carries the choice (yes and no); a v1 record without it is still taken, as not known', async () => {
      const yes = completeInterview(k.db, { overall: 80, poolConsent: true });
      const no = completeInterview(k.db, { overall: 60, poolConsent: false });
      // What a kiosk from before this change queued: version 1, no talent-pool field.
      const old = completeInterview(k.db, { overall: 70, poolConsent: true });
      const row = k.db.prepare(`SELECT id FROM outbox WHERE kind = 'interview.completed' AND subject_id = ?`).get(old.interviewId) as { id: string };
      const v2 = readOutboxPayload(k.db, row.id) as { v: number; interview: Record<string, unknown> };
      const { talentPoolConsent: _dropped, ...interviewV1 } = v2.interview;
      const v1 = { ...v2, v: 1, interview: interviewV1 };
      // (Queued as a stored copy, as migration 0090 carried over records queued before it.)
      k.db.prepare('UPDATE outbox SET payload = ?, content_hash = ? WHERE id = ?').run(packJson(canonicalJson(v1)), recordContentHash('interview.completed', v1), row.id);

      // The kiosk writes version 2 with the consent from the interview row.
      const queued = (k.db.prepare(`SELECT id, subject_id FROM outbox WHERE kind = 'interview.completed'`).all() as { id: string; subject_id: string }[]).map(
        (r) => [r.subject_id, readOutboxPayload(k.db, r.id) as { v: number; interview: { talentPoolConsent?: boolean } }] as const,
      );
      expect(Object.fromEntries(queued.map(([id, p]) => [id, [p.v, p.interview.talentPoolConsent ?? 'absent']]))).toEqual({
        [yes.interviewId]: [2, true],
        [no.interviewId]: [2, false],
        [old.interviewId]: [1, 'absent'],
      });

      const r = await pushPending(k.db, getIdentity(k.db)!, quick);
      expect(r).toMatchObject({ ok: true, rejected: 0 });

      // Kept at head office: the stored record, read through the current schema.
      const stored = async (interviewId: string) => {
        const rec = await store.get<{ payload_json: string }>(`SELECT payload_json FROM ho_records WHERE kind = 'interview.completed' AND interview_id = ?`, [interviewId]);
        const parsed = parseRecord('interview.completed', JSON.parse(rec!.payload_json));
        if (!parsed.ok || parsed.record.kind !== 'interview.completed') throw new Error(parsed.ok ? 'wrong kind' : parsed.reason);
        return parsed.record.payload.interview.talentPoolConsent;
      };
      expect(await stored(yes.interviewId)).toBe(true);
      expect(await stored(no.interviewId)).toBe(false);
      expect(await stored(old.interviewId)).toBeNull();
      // All three folded into interview rows (the v1 record was not rejected).
      const rows = await store.all<{ id: string; status: string }>('SELECT id, status FROM ho_interviews ORDER BY id');
      expect(rows.map((x) => x.status)).toEqual(['completed', 'completed', 'completed']);

      // The HR export names it per interview: true, false, and empty for not known.
      const out = path.join(tempDir('ho-pool-csv-'), 'feed.csv');
      await exportFeed(store, { format: 'csv', out });
      const [header, ...lines] = fs
        .readFileSync(out, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      const cols = header!.split(',');
      const at = (name: string) => cols.indexOf(name);
      expect(at('talentPoolConsent')).toBeGreaterThan(-1);
      const byInterview = Object.fromEntries(
        lines
          .map((l) => l.split(','))
          .filter((c) => c[at('kind')] === 'interview.completed')
          .map((c) => [c[at('interviewId')], c[at('talentPoolConsent')]]),
      );
      expect(byInterview).toEqual({ [yes.interviewId]: 'true', [no.interviewId]: 'false', [old.interviewId]: '' });
    }, 60_000);
  });
}
