import { resolveConfig } from '../../services/app/config.js';
import { analyseFile } from '../../../tools/face/analyseFile.js';
import type { SpeakingSource } from '../../../tools/face/harnessTypes.js';

export const summary = 'face <image-or-video> [--audio f.wav] [--speaking audio|all|none] [--expressions] [--repeats n] [--duration ms] [--per-frame]: FaceLandmarker in headless Chromium → JSON';

const USAGE = `usage: npm run --silent kiosk -- face <image-or-video> [options]
  images (.jpg .png …) are decoded in the page; .mjpeg/.y4m feed Chromium's fake camera;
  other videos (.mpg .mp4 …) are converted with ffmpeg to .mjpeg (+ their sound to .wav).
  --audio <wav>        fake-microphone file for "is speaking" (default: the clip's own sound)
  --speaking <src>     audio (mic energy; default when there is sound) | all (whole clip) | none
  --expressions        store policy with expression signals on (adds smileRatio)
  --repeats <n>        images: analyse n consecutive frames (default 1)
  --duration <ms>      videos: how long to watch (default: clip length − 300 ms)
  --per-frame          add per-frame summaries (pose, mouth gap, box; never landmarks)
prints one JSON object: frames, faceCounts, aggregates, msPerFrame, analysedFps`;
export const help = USAGE;

export async function run(args: string[]): Promise<number> {
  let file: string | null = null;
  let audio: string | null = null;
  let speaking: SpeakingSource | undefined;
  let expressionSignals = false;
  let perFrame = false;
  let repeats: number | undefined;
  let durationMs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--audio') audio = args[++i] ?? null;
    else if (a === '--speaking') {
      const v = args[++i];
      if (v !== 'audio' && v !== 'all' && v !== 'none') return usage(`--speaking must be audio, all or none`);
      speaking = v;
    } else if (a === '--expressions') expressionSignals = true;
    else if (a === '--per-frame') perFrame = true;
    else if (a === '--repeats') repeats = Number(args[++i]);
    else if (a === '--duration') durationMs = Number(args[++i]);
    else if (a === '--help' || a === '-h') return usage(null);
    else if (a.startsWith('--')) return usage(`unknown option ${a}`);
    else if (file === null) file = a;
    else return usage('only one input file');
  }
  if (!file) return usage('missing input file');
  if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 1 && repeats <= 100)) return usage('--repeats must be 1..100');
  if (durationMs !== undefined && !(durationMs >= 500 && durationMs <= 600_000)) return usage('--duration must be 500..600000 ms');
  const result = await analyseFile(file, { modelsDir: resolveConfig().modelsDir, audio, speaking, expressionSignals, repeats, durationMs, perFrame });
  process.stdout.write(JSON.stringify(result) + '\n');
  return 0;
}

function usage(problem: string | null): number {
  process.stderr.write((problem ? `kiosk face: ${problem}\n` : '') + USAGE + '\n');
  return problem ? 2 : 0;
}
