/**
 * Foundation figures: services cold start to ready, answer-commit latency (each answer is its
 * own durable transaction with synchronous=FULL, as in production) and database size per
 * 1,000 interviews (encrypted file + WAL after checkpoint).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig } from '../electron/services/app/config.js';
import { createKioskApp } from '../electron/services/app/createKioskApp.js';
import { call } from '../electron/services/rpc/registry.js';
import type { BenchRow } from './run.js';
import { median, quantile } from './stats.js';

const PACKS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'resources', 'packs');

export async function run(): Promise<BenchRow[]> {
  process.env.KIOSK_LOG_LEVEL = 'error';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-'));
  const config = { ...resolveConfig({ KIOSK_DATA_DIR: dataDir, KIOSK_PACKS_DIR: PACKS }) };
  const rows: BenchRow[] = [];
  try {
    const coldStarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const app = createKioskApp(config);
      coldStarts.push(performance.now() - t);
      await app.close();
    }
    rows.push({ group: 'foundation', metric: 'services cold start → ready (median of 5)', value: median(coldStarts), unit: 'ms', note: 'open encrypted DB, migrate, load packs, register' });

    const app = createKioskApp(config);
    const { openings } = await call(app.registry, 'packs:list', {});
    const opening = openings[0]!;
    const commit: number[] = [];
    const N = 1000;
    const profile = {
      name: '测试',
      mobile: '13800000000',
      availability: ['sat-morning', 'sun-morning', 'sat-evening', 'sun-evening', 'fri-evening', 'fri-night', 'sat-night'] as never[],
      industries: ['retail'] as never[],
      expectedWageYuan: 25,
      earliestStart: new Date().toISOString().slice(0, 10),
    };
    const answerText = '上次有位顾客因为排队太久很生气，我先道歉，然后帮他联系同事开了新的收银台，最后他满意地离开了。'.repeat(2);
    const sizeBefore = fs.statSync(config.dbFile).size;
    for (let i = 0; i < N; i++) {
      let s = await call(app.registry, 'interview:start', { packId: opening.packId, lang: 'zh-CN', isPractice: false, consent: { data: true, camera: true, noticeVersion: 'bench' } });
      const confirmations = Object.fromEntries(['age', 'adult', 'lift', 'licence', 'health', 'cert', 'phone', 'bike'].map((k) => [k, true]));
      s = await call(app.registry, 'interview:profile', { interviewId: s.interviewId, profile, confirmations });
      if (s.next.step === 'knockout') s = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
      while (s.next.step === 'question' || s.next.step === 'followUp') {
        const t = performance.now();
        // The same text for every question is thin for most of them: their one follow-up is skipped.
        if (s.next.step === 'followUp')
          s = await call(app.registry, 'interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp.questionId, mode: 'typed', text: '', durationMs: 2000 });
        else
          s = await call(app.registry, 'interview:answer', {
            interviewId: s.interviewId,
            questionId: s.next.question.id,
            mode: 'typed',
            text: answerText,
            isRetake: false,
            latencyMs: 2000,
            durationMs: 40000,
          });
        commit.push(performance.now() - t);
      }
      while (s.next.step === 'skills')
        s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map(() => ({ answer: '1', ms: 3000 })) });
      await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
    }
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.statSync(config.dbFile).size - sizeBefore;
    rows.push({ group: 'foundation', metric: 'answer commit latency p50', value: median(commit), unit: 'ms', note: `${commit.length} answers, synchronous=FULL, via the contract` });
    rows.push({ group: 'foundation', metric: 'answer commit latency p99', value: quantile(commit, 0.99), unit: 'ms' });
    rows.push({
      group: 'foundation',
      metric: `DB size per 1,000 interviews (${opening.packId})`,
      value: bytes / (1024 * 1024) / (N / 1000),
      unit: 'MiB',
      note: 'encrypted, incl. scores/outbox/audit',
    });
    await app.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
