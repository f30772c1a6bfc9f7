import fs from 'node:fs';
import path from 'node:path';
import { looksLikeVoskModel } from '../voskLib.js';
import { MARKER } from './installModel.js';
import type { Manifest, ModelEntry } from './modelManifest.js';
import { fixCommand } from './modelManifest.js';
import { sha256File, verifyFiles } from './verifyFiles.js';

export type ModelState = {
  name: string;
  kind: ModelEntry['kind'];
  lang: string | null;
  path: string;
  installed: boolean;
  valid: boolean;
  problems: string[];
  /** Digest check depth: 'size' (fast, default) or 'sha256' (--verify). */
  checked: 'size' | 'sha256';
  fix: string | null;
};

/** Installed/valid/missing for every manifest entry. Fast by default: sizes only. */
export async function modelStatus(manifest: Manifest, modelsDir: string, deep = false): Promise<ModelState[]> {
  const out: ModelState[] = [];
  for (const e of manifest.models) {
    const p = path.join(modelsDir, e.installPath);
    const installed = fs.existsSync(p);
    const problems: string[] = [];
    if (installed && e.kind === 'vosk') {
      const s = looksLikeVoskModel(p);
      if (!s.ok) problems.push(`missing ${s.missing.join(', ')}`);
      problems.push(...(await verifyFiles(p, e.files, deep)).failures);
      if (!fs.existsSync(path.join(p, MARKER))) problems.push('not installed by `models install` (no install record); digests unchecked at install');
    } else if (installed && e.kind === 'file') {
      const st = fs.statSync(p);
      if (st.size !== e.size) problems.push(`size ${st.size}, expected ${e.size}`);
      else if (deep && (await sha256File(p)) !== e.sha256) problems.push('sha256 does not match');
    }
    // A hand-copied model without an install record still works; report it, but only
    // structural or digest problems make it invalid.
    const blocking = problems.filter((x) => !x.startsWith('not installed by'));
    out.push({
      name: e.name,
      kind: e.kind,
      lang: e.lang,
      path: p,
      installed,
      valid: installed && blocking.length === 0,
      problems,
      checked: deep ? 'sha256' : 'size',
      fix: installed && blocking.length === 0 ? null : fixCommand(e.name),
    });
  }
  return out;
}
