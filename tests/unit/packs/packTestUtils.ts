import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const SHIPPED_DIR = path.join(REPO_ROOT, 'resources', 'packs');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'packs');
export const VALID_FIXTURE = path.join(FIXTURES_DIR, 'valid', 'mini-pack.json');
export const BROKEN_DIR = path.join(FIXTURES_DIR, 'broken');
/** Packs that load but whose graded answer bank is missing (no-bank.json) or falls short (thin-bank.json). */
export const BANK_PROBLEMS_DIR = path.join(FIXTURES_DIR, 'bank-problems');

/** A temp folder the caller fills; remove it with the returned cleanup. */
export function tempPackDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-packs-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}
