/**
 * Kiosk database size (issue 17, item 4): MiB per 1,000 interviews before sync, in total and
 * by table (each table with its indexes, from SQLite's dbstat), for interviews taken through the
 * contract like the foundation bench (6 answers, follow-ups where the pack asks, skills test,
 * scored). Also measured here, on the same rows: how small the two largest columns would be
 * deflated, i.e. what storing them compressed would save (a projection, not what is stored).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { resolveConfig } from '../electron/services/app/config.js';
import { createKioskApp } from '../electron/services/app/createKioskApp.js';
import { call } from '../electron/services/rpc/registry.js';
import type { BenchRow } from './run.js';

const PACKS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'resources', 'packs');
const N = 200; // scaled to 1,000 below; a full 1,000 takes minutes on a loaded 2-core machine
const GROUP = 'kiosk db size';
const perThousand = (bytes: number) => bytes / (1024 * 1024) / (N / 1000);

export async function run(): Promise<BenchRow[]> {
  process.env.KIOSK_LOG_LEVEL = 'error';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-size-'));
  const config = { ...resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: PACKS }) };
  const rows: BenchRow[] = [];
  const app = createKioskApp(config);
  try {
    const { openings } = await call(app.registry, 'packs:list', {});
    const opening = openings[0]!;
    const profile = { name: '测试', mobile: '13800000000', availability: ['sat-morning', 'sun-morning', 'sat-evening', 'sun-evening', 'fri-evening'] as never[], industries: ['retail'] as never[], expectedWageYuan: 25, earliestStart: new Date().toISOString().slice(0, 10) };
    const answerText = '上次有位顾客因为排队太久很生气，我先道歉，然后帮他联系同事开了新的收银台，最后他满意地离开了。'.repeat(2);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = fs.statSync(config.dbFile).size;
    for (let i = 0; i < N; i++) {
      let s = await call(app.registry, 'interview:start', { packId: opening.packId, lang: 'zh-CN', isPractice: false, consent: { data: true, camera: true, noticeVersion: 'bench' } });
      const confirmations = Object.fromEntries(['age', 'adult', 'lift', 'licence', 'health', 'cert', 'phone', 'bike'].map((k) => [k, true]));
      s = await call(app.registry, 'interview:profile', { interviewId: s.interviewId, profile, confirmations });
      if (s.next.step === 'knockout') s = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
      while (s.next.step === 'question' || s.next.step === 'followUp') {
        s = s.next.step === 'question'
          ? await call(app.registry, 'interview:answer', { interviewId: s.interviewId, questionId: s.next.question.id, mode: 'typed', text: answerText, isRetake: false, latencyMs: 2000, durationMs: 40000 })
          : await call(app.registry, 'interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp.questionId, mode: 'typed', text: answerText, durationMs: 20000 });
      }
      while (s.next.step === 'skills') s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map(() => ({ answer: '1', ms: 3000 })) });
      await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
    }
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const total = fs.statSync(config.dbFile).size - sizeBefore;
    rows.push({ group: GROUP, metric: `DB size per 1,000 interviews (${opening.packId}), before sync`, value: perThousand(total), unit: 'MiB', note: `${N} interviews, scaled; encrypted file after checkpoint` });

    const byTable = app.db
      .prepare(`SELECT COALESCE(m.tbl_name, d.name) AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY tbl ORDER BY bytes DESC`)
      .all() as { tbl: string; bytes: number }[];
    for (const t of byTable.filter((x) => perThousand(x.bytes) >= 0.1)) {
      rows.push({ group: GROUP, metric: `  table ${t.tbl} (with indexes)`, value: perThousand(t.bytes), unit: 'MiB', note: 'per 1,000 interviews' });
    }

    // Projection: the score row and the pending outbox payload deflated (zlib level 6).
    const measure = (sql: string) => {
      let raw = 0;
      let packed = 0;
      for (const r of app.db.prepare(sql).all() as { v: string }[]) {
        raw += Buffer.byteLength(r.v);
        packed += zlib.deflateRawSync(r.v).length;
      }
      return { raw, packed };
    };
    const score = measure('SELECT result_json AS v FROM scores WHERE result_json IS NOT NULL');
    const outbox = measure('SELECT payload_json AS v FROM outbox WHERE acked_at IS NULL');
    rows.push(
      { group: GROUP, metric: '  scores.result_json: JSON → deflated', value: perThousand(score.packed), unit: 'MiB', note: `from ${perThousand(score.raw).toFixed(2)} MiB (${(score.raw / score.packed).toFixed(1)}×); projection` },
      { group: GROUP, metric: '  outbox.payload_json (pending): JSON → deflated', value: perThousand(outbox.packed), unit: 'MiB', note: `from ${perThousand(outbox.raw).toFixed(2)} MiB (${(outbox.raw / outbox.packed).toFixed(1)}×); projection` },
      {
        group: GROUP,
        metric: 'DB size per 1,000 interviews if both were stored deflated',
        value: perThousand(total - score.raw - outbox.raw + score.packed + outbox.packed),
        unit: 'MiB',
        note: 'projection from the bytes above (page overhead not modelled)',
      },
    );
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
