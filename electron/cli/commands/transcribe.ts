import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../services/app/config.js';
import { loadManifest } from '../../services/speech/models/modelManifest.js';
import { resolveSpeechModel } from '../../services/speech/models/resolveSpeechModel.js';
import { transcribeWavFile } from '../../services/speech/transcribeFile.js';
import { createVoskEngine } from '../../services/speech/voskEngine.js';

export const summary = 'transcribe <file.wav> --lang <code> [--model <dir|name>] — offline Vosk transcript as JSON';
export const help = `usage: npm run --silent kiosk -- transcribe <file.wav> --lang <zh-CN|en|…> [--model <dir|name>]\n  ${summary}\n  16 kHz mono PCM WAV; the model is the installed one for --lang unless --model names another`;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: 'string' }, model: { type: 'string' } } });
  const file = positionals[0];
  if (!file || !values.lang) {
    process.stderr.write('usage: npm run --silent kiosk -- transcribe <file.wav> --lang <zh-CN|en|…> [--model <dir|name>]\n');
    return 2;
  }
  if (!fs.existsSync(file)) {
    process.stderr.write(`transcribe: ${file} does not exist\n`);
    return 1;
  }
  const cfg = resolveConfig();
  const manifest = loadManifest(cfg.modelsManifest);
  // --model wins; it may be a directory or a manifest name. Otherwise the same resolution the
  // kiosk uses (env KIOSK_SPEECH_MODEL_<LANG>, then the language's default under modelsDir).
  const overrides = values.model ? { ...cfg.speechModels, [values.lang]: values.model } : cfg.speechModels;
  const m = resolveSpeechModel(values.lang, { manifest, modelsDir: cfg.modelsDir, overrides });
  if (!m.ok) {
    process.stderr.write(`transcribe: ${m.message}${m.fix ? `\nFix: ${m.fix}` : ''}\n`);
    return 1;
  }
  const engine = createVoskEngine({ libPath: cfg.voskLib });
  try {
    const r = await transcribeWavFile(engine, m.dir, file, values.lang);
    process.stderr.write(`model ${m.name} (${m.via}); ${r.audioSeconds.toFixed(2)} s audio decoded in ${r.decodeSeconds.toFixed(2)} s (RTF ${r.rtf.toFixed(2)}), load ${r.loadSeconds.toFixed(2)} s\n`);
    process.stdout.write(
      JSON.stringify({
        file: path.resolve(file),
        lang: values.lang,
        model: m.name,
        text: r.text,
        words: r.words,
        audioSeconds: r.audioSeconds,
        decodeSeconds: r.decodeSeconds,
        rtf: r.rtf,
        loadSeconds: r.loadSeconds,
        speakingRate: r.speakingRate,
        rateUnit: r.rateUnit,
        pauseRatio: r.pauseRatio,
      }) + '\n',
    );
    return 0;
  } finally {
    await engine.close();
  }
}
