import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorCode, KioskError } from '../../../../core/errors.js';
import { createLogger } from '../../../../core/logger.js';
import { looksLikeVoskModel } from '../voskLib.js';
import type { ModelEntry, VoskModelEntry } from './modelManifest.js';
import { sha256File, verifyFiles } from './verifyFiles.js';
import { extractZipFolder, listZip } from './zipReader.js';

const log = createLogger('speech.models');

export type InstallReport = {
  name: string;
  target: string;
  source: string;
  archiveVerified: boolean | null;
  filesVerified: number;
  filesListed: number;
  note: string | null;
};
export const MARKER = '.kiosk-model.json';

const invalid = (msg: string) => new KioskError(ErrorCode.ModelInvalid, msg);

/**
 * Installs one model into modelsDir/<installPath>: download (when no `from`) or copy, verify
 * every digest the manifest has (the archive sha256, and per-file digests where it lists them;
 * a folder of a model with none is refused unless `allowUnverified`), then swap into place with renames. Work happens in a temp
 * folder beside the target (same file system, so the final rename is atomic), and a failed
 * install leaves the previous model untouched.
 */
export async function installModel(entry: ModelEntry, modelsDir: string, from?: string, opts: { allowUnverified?: boolean } = {}): Promise<InstallReport> {
  const target = path.join(modelsDir, entry.installPath);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tag = crypto.randomBytes(4).toString('hex');
  const tmp = `${target}.tmp-${tag}`;
  const temps: string[] = [tmp];
  try {
    const source = from ? path.resolve(from) : entry.url;
    let local = from ? path.resolve(from) : null;
    if (!local) {
      local = `${target}.download-${tag}`;
      temps.push(local);
      await download(entry.url, local);
    } else if (!fs.existsSync(local)) {
      throw new KioskError(ErrorCode.NotFound, `${local} does not exist.`);
    }
    const report = entry.kind === 'file' ? await stageFile(entry, local, tmp) : await stageVosk(entry, local, tmp, opts.allowUnverified ?? false);
    if (entry.kind === 'vosk') fs.writeFileSync(path.join(tmp, MARKER), JSON.stringify({ name: entry.name, source, installedAt: new Date().toISOString(), ...report }, null, 2));
    swapIntoPlace(tmp, target, tag);
    log.info(`installed ${entry.name} (${report.filesVerified}/${report.filesListed} file digests verified)`);
    return { name: entry.name, target, source, ...report };
  } finally {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  }
}

async function download(url: string, dest: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow' });
  } catch (e) {
    throw new KioskError(ErrorCode.NotFound, `Cannot download ${url} (no network?). Copy the file to this machine and use --from <file>.`, { cause: e });
  }
  if (!res.ok || !res.body) throw new KioskError(ErrorCode.NotFound, `Download of ${url} failed with HTTP ${res.status}. Use --from <file> with a copy.`);
  await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), fs.createWriteStream(dest));
}

type Staged = Omit<InstallReport, 'name' | 'target' | 'source'>;

async function stageFile(entry: Extract<ModelEntry, { kind: 'file' }>, src: string, tmp: string): Promise<Staged> {
  const st = fs.statSync(src);
  if (!st.isFile()) throw invalid(`${src} is not a file.`);
  fs.copyFileSync(src, tmp);
  const digest = await sha256File(tmp);
  if (st.size !== entry.size || digest !== entry.sha256) throw invalid(`${path.basename(src)} is not the expected ${entry.name} (size or sha256 differs). Nothing was installed.`);
  return { archiveVerified: true, filesVerified: 1, filesListed: 1, note: null };
}

async function stageVosk(entry: VoskModelEntry, src: string, tmp: string, allowUnverified: boolean): Promise<Staged> {
  let archiveVerified: boolean | null = null;
  if (fs.statSync(src).isDirectory()) {
    fs.cpSync(src, tmp, { recursive: true, filter: (p) => path.basename(p) !== MARKER });
  } else {
    const digest = await sha256File(src);
    archiveVerified = digest === entry.archive.sha256 && fs.statSync(src).size === entry.archive.size;
    // A repackaged archive is acceptable only if per-file digests can vouch for its contents.
    if (!archiveVerified && Object.keys(entry.files).length === 0) {
      throw invalid(`${path.basename(src)} is not the official ${entry.name} archive (sha256 differs) and no per-file digests are known to check it. Nothing was installed.`);
    }
    await extractZipFolder(src, await findModelRoot(src, entry.archive.root), tmp);
  }
  const check = looksLikeVoskModel(tmp);
  if (!check.ok) throw invalid(`${path.basename(src)} does not contain a Vosk model (missing ${check.missing.join(', ')}). Nothing was installed.`);
  // A folder of a model with no per-file digests cannot be checked against anything: refused
  // unless the operator says so (`models install --unverified`), and then recorded as such.
  if (archiveVerified === null && Object.keys(entry.files).length === 0 && !allowUnverified) {
    throw invalid(
      `No digests are known for the files of ${entry.name}, so a folder cannot be verified. Install it from the official zip (its sha256 is checked), or pass --unverified to install this folder with its structure checked only. Nothing was installed.`,
    );
  }
  const files = await verifyFiles(tmp, entry.files, true);
  if (files.failures.length) throw invalid(`${entry.name} failed verification: ${files.failures.slice(0, 3).join('; ')}. Nothing was installed.`);
  const listed = Object.keys(entry.files).length;
  const note = listed === 0 ? (archiveVerified ? 'verified by the archive digest only (no per-file digests known)' : 'structure checked only: no digests are known for this model') : null;
  if (listed === 0 && !archiveVerified) log.warn(`${entry.name}: installed from a folder with no digests to check; structure checked only`);
  return { archiveVerified, filesVerified: files.checked, filesListed: listed, note };
}

/** The manifest's root folder, or wherever am/final.mdl sits in a repackaged archive. */
async function findModelRoot(zip: string, expected: string): Promise<string> {
  let names: string[];
  try {
    names = await listZip(zip);
  } catch (e) {
    throw invalid(`${e instanceof Error ? e.message : String(e)}. Nothing was installed.`);
  }
  if (names.some((n) => n === `${expected}/am/final.mdl`)) return expected;
  const hit = names.find((n) => n.endsWith('am/final.mdl'));
  if (hit === undefined) throw invalid(`${path.basename(zip)} does not contain a Vosk model (no am/final.mdl). Nothing was installed.`);
  return hit.slice(0, -'am/final.mdl'.length).replace(/\/$/, '');
}

function swapIntoPlace(tmp: string, target: string, tag: string) {
  const old = `${target}.old-${tag}`;
  const hadOld = fs.existsSync(target);
  if (hadOld) fs.renameSync(target, old);
  try {
    fs.renameSync(tmp, target);
  } catch (e) {
    if (hadOld) fs.renameSync(old, target);
    throw e;
  }
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}
