import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The job packs and scoring weights shipped with the software, which head office falls back to
 * before it has published its own (fairness: the current model, the pack a refit learns for, a
 * roll-back past the first publish). Head office's own layout, not the kiosk's: the folder that
 * holds headoffice/ also holds resources/packs and models/scoring/weights.
 */
export type ShippedFiles = { packsDir: string; weightsDir: string };

/** The folder head office runs from (the one holding headoffice/). */
export const HEADOFFICE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function shippedFiles(root: string): ShippedFiles {
  return { packsDir: path.join(root, 'resources', 'packs'), weightsDir: path.join(root, 'models', 'scoring', 'weights') };
}

export const DEFAULT_SHIPPED: ShippedFiles = shippedFiles(HEADOFFICE_ROOT);

export const shippedPackFile = (s: ShippedFiles, packId: string) => path.join(s.packsDir, `${packId}.json`);
export const shippedWeightsFile = (s: ShippedFiles, packId: string) => path.join(s.weightsDir, `${packId}.weights.json`);

/** A shipped file's text, or null when this install does not have it. */
export const readShipped = (file: string): string | null => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null);
