/**
 * Kiosk database size (issue 17, item 4): MiB per 1,000 interviews before sync, in total and
 * by table (each table with its indexes, from SQLite's dbstat). Interviews go through the
 * contract with answers from the graded banks (bench/syntheticInterviews.ts: zh-CN, level 3 and
 * up, rotated over every opening; follow-ups where the pack asks, skills test, scored). Also
 * shown: what the stored score explanations and pending sync records take, raw JSON against
 * their stored compact form (electron/services/db/compactJson.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../electron/services/app/config.js';
import { createKioskApp } from '../electron/services/app/createKioskApp.js';
import { unpackJson } from '../electron/services/db/compactJson.js';
import type { BenchRow } from './run.js';
import { runSyntheticInterviews } from './syntheticInterviews.js';

const PACKS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'resources', 'packs');
// Scaled to 1,000 below; a full 1,000 takes minutes on a loaded 2-core machine (KIOSKDB_N=1000 to check).
const N = Number(process.env.KIOSKDB_N ?? 200);
const GROUP = 'kiosk db size';
const perThousand = (bytes: number) => bytes / (1024 * 1024) / (N / 1000);

export async function run(): Promise<BenchRow[]> {
  process.env.KIOSK_LOG_LEVEL = 'error';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-size-'));
  const config = { ...resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: PACKS }) };
  const rows: BenchRow[] = [];
  const app = createKioskApp(config);
  try {
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const sizeBefore = fs.statSync(config.dbFile).size;
    const stats = await runSyntheticInterviews(app, PACKS, N);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const total = fs.statSync(config.dbFile).size - sizeBefore;
    rows.push({
      group: GROUP,
      metric: 'DB size per 1,000 interviews, before sync',
      value: perThousand(total),
      unit: 'MiB',
      note: `${N} interviews over every opening, scaled; encrypted file after checkpoint; ${(stats.answers / N).toFixed(1)} answers of ${Math.round(stats.answerChars / stats.answers)} characters on average`,
    });

    const byTable = app.db
      .prepare(`SELECT COALESCE(m.tbl_name, d.name) AS tbl, SUM(d.pgsize) AS bytes FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY tbl ORDER BY bytes DESC`)
      .all() as { tbl: string; bytes: number }[];
    for (const t of byTable.filter((x) => perThousand(x.bytes) >= 0.1)) {
      rows.push({ group: GROUP, metric: `  table ${t.tbl} (with indexes)`, value: perThousand(t.bytes), unit: 'MiB', note: 'per 1,000 interviews' });
    }

    // Stored compact form against the JSON it holds.
    const measure = (sql: string) => {
      let raw = 0;
      let stored = 0;
      for (const r of app.db.prepare(sql).all() as { v: Buffer }[]) {
        stored += r.v.length;
        raw += Buffer.byteLength(unpackJson(r.v) ?? '');
      }
      return { raw, stored };
    };
    const score = measure('SELECT result AS v FROM scores WHERE result IS NOT NULL');
    const outbox = measure('SELECT payload AS v FROM outbox WHERE payload IS NOT NULL');
    const deferred = (app.db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE payload IS NULL AND batch_id IS NULL').get() as { n: number }).n;
    rows.push(
      {
        group: GROUP,
        metric: '  scores.result: stored compact',
        value: perThousand(score.stored),
        unit: 'MiB',
        note: `holds ${perThousand(score.raw).toFixed(2)} MiB of JSON (${(score.raw / Math.max(1, score.stored)).toFixed(1)}×)`,
      },
      {
        group: GROUP,
        metric: '  outbox.payload: stored compact',
        value: perThousand(outbox.stored),
        unit: 'MiB',
        note: `holds ${perThousand(outbox.raw).toFixed(2)} MiB of JSON; ${deferred} interview record(s) are built from their tables when sealed, not copied`,
      },
    );
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
