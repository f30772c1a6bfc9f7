import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type Digest = { size: number; sha256: string };
export type VerifyReport = { checked: number; failures: string[] };

export async function sha256File(file: string): Promise<string> {
  const h = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Checks every listed file. `deep` hashes contents (seconds for a 250 MB model); without it
 * only presence and size are checked, which is what status screens use.
 */
export async function verifyFiles(dir: string, files: Record<string, Digest>, deep: boolean): Promise<VerifyReport> {
  const failures: string[] = [];
  let checked = 0;
  for (const [rel, d] of Object.entries(files)) {
    const f = path.join(dir, rel);
    let st: fs.Stats;
    try {
      st = fs.statSync(f);
    } catch {
      failures.push(`${rel}: missing`);
      continue;
    }
    if (st.size !== d.size) failures.push(`${rel}: size ${st.size}, expected ${d.size}`);
    else if (deep && (await sha256File(f)) !== d.sha256) failures.push(`${rel}: sha256 does not match`);
    checked++;
  }
  return { checked, failures };
}
