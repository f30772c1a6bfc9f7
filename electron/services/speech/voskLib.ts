import koffi from 'koffi';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ErrorCode, KioskError } from '../../../core/errors.js';

/**
 * The Vosk C API (vosk_api.h) over the native library shipped inside the `vosk` npm package,
 * bound with koffi: the package's own binding (ffi-napi) does not build on Node 20 and crashes
 * in modern Electron. Only loaded inside the recognizer worker thread.
 */
export type Ptr = unknown;
export type VoskLib = {
  setLogLevel(level: number): void;
  modelNew(dir: string): Ptr | null;
  modelFree(m: Ptr): void;
  recognizerNew(m: Ptr, sampleRate: number): Ptr | null;
  recognizerFree(r: Ptr): void;
  /** Drops the current utterance; after finalResult the next audio starts a new feature pipeline (recognizerPool.ts). */
  recognizerReset(r: Ptr): void;
  setWords(r: Ptr, on: number): void;
  setPartialWords(r: Ptr, on: number): void;
  acceptWaveform(r: Ptr, data: Uint8Array, len: number): number;
  partialResult(r: Ptr): string;
  result(r: Ptr): string;
  finalResult(r: Ptr): string;
};

const LIB_BY_PLATFORM: Record<string, string> = {
  'linux-x64': 'linux-x86_64/libvosk.so',
  'win32-x64': 'win-x86_64/libvosk.dll',
  'darwin-x64': 'osx-universal/libvosk.dylib',
  'darwin-arm64': 'osx-universal/libvosk.dylib',
};

export function voskLibraryPath(platform = process.platform, arch = process.arch): string {
  const rel = LIB_BY_PLATFORM[`${platform}-${arch}`];
  if (!rel) throw new KioskError(ErrorCode.ModelMissing, `Speech recognition is not available on ${platform}-${arch}. Answers can be typed.`);
  const pkg = path.dirname(createRequire(import.meta.url).resolve('vosk/package.json'));
  return path.join(pkg, 'lib', rel);
}

let cached: VoskLib | null = null;

/** Loads libvosk once per thread: `file` (KioskConfig.voskLib: a packaged app's unpacked copy) or the vosk package's own. */
export function loadVoskLib(file: string = voskLibraryPath()): VoskLib {
  if (cached) return cached;
  if (!fs.existsSync(file)) throw new KioskError(ErrorCode.ModelMissing, `The speech library is missing (${path.basename(file)}). Reinstall the kiosk software; answers can be typed meanwhile.`);
  // On Windows the DLL's MinGW runtime DLLs sit beside it and must be found first.
  if (process.platform === 'win32') process.env.PATH = `${path.dirname(file)};${process.env.PATH ?? ''}`;
  const lib = koffi.load(file);
  koffi.opaque('VoskModel');
  koffi.opaque('VoskRecognizer');
  const fn = {
    setLogLevel: lib.func('void vosk_set_log_level(int level)'),
    modelNew: lib.func('VoskModel *vosk_model_new(const char *path)'),
    modelFree: lib.func('void vosk_model_free(VoskModel *model)'),
    recognizerNew: lib.func('VoskRecognizer *vosk_recognizer_new(VoskModel *model, float sample_rate)'),
    recognizerFree: lib.func('void vosk_recognizer_free(VoskRecognizer *recognizer)'),
    recognizerReset: lib.func('void vosk_recognizer_reset(VoskRecognizer *recognizer)'),
    setWords: lib.func('void vosk_recognizer_set_words(VoskRecognizer *recognizer, int words)'),
    setPartialWords: lib.func('void vosk_recognizer_set_partial_words(VoskRecognizer *recognizer, int partial_words)'),
    acceptWaveform: lib.func('int vosk_recognizer_accept_waveform(VoskRecognizer *recognizer, const uint8_t *data, int length)'),
    partialResult: lib.func('const char *vosk_recognizer_partial_result(VoskRecognizer *recognizer)'),
    result: lib.func('const char *vosk_recognizer_result(VoskRecognizer *recognizer)'),
    finalResult: lib.func('const char *vosk_recognizer_final_result(VoskRecognizer *recognizer)'),
  };
  cached = fn as unknown as VoskLib;
  return cached;
}

/** A Vosk model directory must at least have these (small models use HCLr/Gr, big ones HCLG). */
export function looksLikeVoskModel(dir: string): { ok: boolean; missing: string[] } {
  const need = ['am/final.mdl', 'conf/model.conf'];
  const missing = need.filter((f) => !fs.existsSync(path.join(dir, f)));
  const hasGraph = fs.existsSync(path.join(dir, 'graph/HCLG.fst')) || (fs.existsSync(path.join(dir, 'graph/HCLr.fst')) && fs.existsSync(path.join(dir, 'graph/Gr.fst')));
  if (!hasGraph) missing.push('graph/HCLG.fst or graph/HCLr.fst+Gr.fst');
  return { ok: missing.length === 0, missing };
}
