import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../../app/config.js';
import { ErrorCode, KioskError } from '../../../../core/errors.js';

/** models/manifest.json: what can be installed, from where, and the digests that prove it. */
const Digest = z.object({ size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });
const VoskEntry = z.object({
  name: z.string(),
  kind: z.literal('vosk'),
  lang: z.string(),
  default: z.boolean().default(false),
  testOnly: z.boolean().default(false),
  url: z.string().url(),
  archive: Digest.extend({ format: z.enum(['zip', 'wheel']), root: z.string() }),
  installPath: z.string(),
  files: z.record(z.string(), Digest),
});
const FileEntry = z.object({
  name: z.string(),
  kind: z.literal('file'),
  lang: z.null(),
  url: z.string().url(),
  installPath: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  devSource: z.string().optional(),
});
export const ModelEntry = z.discriminatedUnion('kind', [VoskEntry, FileEntry]);
export const Manifest = z.object({ version: z.literal(1), models: z.array(ModelEntry) });
export type ModelEntry = z.infer<typeof ModelEntry>;
export type VoskModelEntry = z.infer<typeof VoskEntry>;
export type Manifest = z.infer<typeof Manifest>;

/** The repository's model list: what development, tests and the CLI's default configuration use. A running kiosk reads KioskConfig.modelsManifest. */
export const MANIFEST_FILE = path.join(APP_ROOT, 'models', 'manifest.json');

export function loadManifest(file: string = MANIFEST_FILE): Manifest {
  try {
    return Manifest.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    throw new KioskError(ErrorCode.ModelInvalid, `The model list (${file}) is missing or damaged. Reinstall the kiosk software.`, { cause: e });
  }
}

export function findModel(m: Manifest, name: string): ModelEntry {
  const e = m.models.find((x) => x.name === name);
  if (!e) throw new KioskError(ErrorCode.NotFound, `Unknown model "${name}". Known models: ${m.models.map((x) => x.name).join(', ')}.`);
  return e;
}

/** The model a language uses unless a setting or env var says otherwise. */
export const defaultVoskModel = (m: Manifest, lang: string): VoskModelEntry | null => (m.models.find((x) => x.kind === 'vosk' && x.lang === lang && x.default) as VoskModelEntry | undefined) ?? null;

export const fixCommand = (name: string): string => `npm run --silent kiosk -- models install --model ${name}`;
