import fs from 'node:fs';
import path from 'node:path';
import { getSetting, type SettingKey, type SettingValue } from '../../app/settings.js';
import type { Db } from '../../db/openDatabase.js';
import { looksLikeVoskModel } from '../voskLib.js';
import { defaultVoskModel, fixCommand, type Manifest } from './modelManifest.js';

export type ResolvedModel =
  | { ok: true; lang: string; name: string; dir: string; via: 'setting:modelDir' | 'setting:model' | 'env' | 'default' }
  | { ok: false; lang: string; name: string | null; dir: string | null; message: string; fix: string | null };

/** A speech setting, or null without a database (the command-line tools resolve models without one). */
export function readSetting<K extends SpeechSettingKey>(db: Db | null, key: K): SettingValue<K> | null {
  return db ? getSetting(db, key) : null;
}
type SpeechSettingKey = Extract<SettingKey, `speech.${string}`>;

/**
 * Which model directory a language uses, first match wins:
 *   1. store setting `speech.modelDir.<lang>`: a directory;
 *   2. store setting `speech.model.<lang>`: a model name from the manifest (lang → model map);
 *   3. `overrides[lang]` (KioskConfig.speechModels, from env `KIOSK_SPEECH_MODEL_<LANG>`): a directory or a model name;
 *   4. the manifest's default model for the language, under modelsDir (which is
 *      KIOSK_MODELS_DIR or the app's models/ folder, see config.ts).
 * A model name resolves to modelsDir/<installPath>. The result says whether it is usable and,
 * if not, the exact command that fixes it.
 */
export function resolveSpeechModel(lang: string, opts: { manifest: Manifest; modelsDir: string; db?: Db | null; overrides?: Readonly<Record<string, string>> }): ResolvedModel {
  const byName = (name: string) => opts.manifest.models.find((m) => m.kind === 'vosk' && m.name === name);
  const candidates: { via: Extract<ResolvedModel, { ok: true }>['via']; value: string | null }[] = [
    { via: 'setting:modelDir', value: readSetting(opts.db ?? null, `speech.modelDir.${lang}`) },
    { via: 'setting:model', value: readSetting(opts.db ?? null, `speech.model.${lang}`) },
    { via: 'env', value: opts.overrides?.[lang] ?? null },
    { via: 'default', value: defaultVoskModel(opts.manifest, lang)?.name ?? null },
  ];
  for (const c of candidates) {
    if (!c.value) continue;
    const entry = byName(c.value);
    const isDir = c.via === 'setting:modelDir' || (!entry && (path.isAbsolute(c.value) || c.value.includes('/') || c.value.includes('\\')));
    if (!entry && !isDir) return { ok: false, lang, name: c.value, dir: null, message: `The speech model "${c.value}" set for ${lang} (${c.via}) is not a known model.`, fix: null };
    const dir = isDir ? path.resolve(c.value) : path.join(opts.modelsDir, entry!.installPath);
    const name = entry?.name ?? path.basename(dir);
    const fix = entry ? fixCommand(entry.name) : null;
    if (!fs.existsSync(dir)) return { ok: false, lang, name, dir, message: `The speech model for ${lang} (${name}) is not installed. Answers can be typed until it is.`, fix };
    const s = looksLikeVoskModel(dir);
    if (!s.ok)
      return { ok: false, lang, name, dir, message: `The speech model for ${lang} (${name}) is incomplete (missing ${s.missing.join(', ')}). Answers can be typed until it is reinstalled.`, fix };
    return { ok: true, lang, name, dir, via: c.via };
  }
  return { ok: false, lang, name: null, dir: null, message: `No speech model is known for ${lang}. Answers can be typed.`, fix: null };
}
