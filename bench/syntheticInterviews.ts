/**
 * Finished interviews taken through the real contract, with answers from the graded banks
 * (resources/packs/banks): the kiosk DB size bench and the compact-JSON dictionary builder
 * (scripts/buildJsonDictionary.ts) both need a realistic stream of interviews, so they share
 * this driver. Answers rotate over the bank's answers of the chosen language and minimum level
 * (a follow-up gets another answer to the same question); the skills test is answered "1".
 */
import fs from 'node:fs';
import path from 'node:path';
import type { KioskApp } from '../electron/services/app/createKioskApp.js';
import { call } from '../electron/services/rpc/registry.js';

type BankAnswer = { questionId: string; lang: string; level: number; text: string };

export type SyntheticOptions = { lang?: 'zh-CN' | 'en'; minLevel?: number };

export type SyntheticStats = { interviews: number; answers: number; answerChars: number; interviewIds: string[] };

const FALLBACK = { 'zh-CN': '我会先问清楚情况，再按店里的规定一步一步处理，处理完告诉店长。', en: 'I would ask what happened, follow the store rules step by step, and tell the manager afterwards.' };

export async function runSyntheticInterviews(app: KioskApp, packsDir: string, count: number, opts: SyntheticOptions = {}): Promise<SyntheticStats> {
  const lang = opts.lang ?? 'zh-CN';
  const minLevel = opts.minLevel ?? 3;
  const { openings } = await call(app.registry, 'packs:list', {});
  if (openings.length === 0) throw new Error(`no openings in ${packsDir}: is a pack file half-written?`);
  const banks = new Map(
    openings.map((o) => {
      const bank = JSON.parse(fs.readFileSync(path.join(packsDir, 'banks', `${o.packId}.bank.json`), 'utf8')) as { answers: BankAnswer[] };
      return [o.packId, bank.answers.filter((a) => a.lang === lang && a.level >= minLevel)] as const;
    }),
  );
  const pick = (packId: string, questionId: string, k: number) => {
    const c = banks.get(packId)!.filter((a) => a.questionId === questionId);
    return c.length > 0 ? c[k % c.length]!.text : FALLBACK[lang];
  };
  const profile = {
    name: lang === 'en' ? 'Test Person' : '测试',
    mobile: '13800000000',
    availability: ['sat-morning', 'sun-morning', 'sat-evening', 'sun-evening', 'fri-evening'] as never[],
    industries: ['retail'] as never[],
    expectedWageYuan: 25,
    earliestStart: new Date().toISOString().slice(0, 10),
  };
  const confirmations = Object.fromEntries(['age', 'adult', 'lift', 'licence', 'health', 'cert', 'phone', 'bike'].map((k) => [k, true]));
  const stats: SyntheticStats = { interviews: 0, answers: 0, answerChars: 0, interviewIds: [] };
  for (let i = 0; i < count; i++) {
    const packId = openings[i % openings.length]!.packId;
    let s = await call(app.registry, 'interview:start', { packId, lang, isPractice: false, consent: { data: true, camera: true, noticeVersion: 'bench' } });
    s = await call(app.registry, 'interview:profile', { interviewId: s.interviewId, profile, confirmations });
    if (s.next.step === 'knockout') s = await call(app.registry, 'interview:acknowledgeKnockout', { interviewId: s.interviewId, proceed: true });
    while (s.next.step === 'question' || s.next.step === 'followUp') {
      const text = s.next.step === 'question' ? pick(packId, s.next.question.id, i) : pick(packId, s.next.followUp.questionId, i + 1);
      stats.answers++;
      stats.answerChars += text.length;
      s =
        s.next.step === 'question'
          ? await call(app.registry, 'interview:answer', { interviewId: s.interviewId, questionId: s.next.question.id, mode: 'typed', text, isRetake: false, latencyMs: 2000, durationMs: 40000 })
          : await call(app.registry, 'interview:followUp', { interviewId: s.interviewId, questionId: s.next.followUp.questionId, mode: 'typed', text, durationMs: 20000 });
    }
    while (s.next.step === 'skills') {
      s = await call(app.registry, 'interview:skills', { interviewId: s.interviewId, testId: s.next.test.id, responses: s.next.test.items.map(() => ({ answer: '1', ms: 3000 })) });
    }
    await call(app.registry, 'interview:finish', { interviewId: s.interviewId });
    stats.interviews++;
    stats.interviewIds.push(s.interviewId);
  }
  return stats;
}
