import fs from 'node:fs';

export type CrashKind = 'renderer' | 'gpu' | 'other';
export type CrashAction = 'ignore' | 'reload' | 'relaunch' | 'give-up';
export type CrashLimits = { maxCrashes: number; windowMs: number };
export const DEFAULT_CRASH_LIMITS: CrashLimits = { maxCrashes: 3, windowMs: 10 * 60_000 };

/** Flag added to the relaunch command line after a GPU crash: the next start runs without GPU. */
export const AFTER_GPU_CRASH_FLAG = '--kiosk-after-gpu-crash';

/**
 * What to do when a process dies. A renderer crash reloads the page (the interview resumes at the
 * unanswered question); a GPU crash relaunches the app without hardware acceleration. Both are
 * bounded: more than maxCrashes within windowMs (counted across relaunches via the history file)
 * means something is persistently wrong, and looping would only hide it from staff.
 * Returns the action and the history to store.
 */
export function decideCrashAction(kind: CrashKind, reason: string, history: readonly number[], now: number, limits: CrashLimits = DEFAULT_CRASH_LIMITS): { action: CrashAction; history: number[] } {
  const recent = history.filter((t) => Number.isFinite(t) && t <= now && now - t < limits.windowMs);
  // clean-exit: we closed it ourselves (reload, quit); killed by the OS for memory is a crash.
  if (reason === 'clean-exit' || kind === 'other') return { action: 'ignore', history: recent };
  const next = [...recent, now];
  if (next.length > limits.maxCrashes) return { action: 'give-up', history: next };
  return { action: kind === 'renderer' ? 'reload' : 'relaunch', history: next };
}

/** Reads the crash history file; a missing or damaged file is an empty history. */
export function readCrashHistory(file: string): number[] {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  } catch {
    return [];
  }
}

export function writeCrashHistory(file: string, history: readonly number[]): void {
  fs.writeFileSync(file, JSON.stringify(history.slice(-20)), { mode: 0o600 });
}

/** The command line for app.relaunch after a GPU crash: the current one plus the flag, once. */
export function relaunchArgs(argv: readonly string[]): string[] {
  const args = argv.slice(1).filter((a) => a !== AFTER_GPU_CRASH_FLAG);
  return [...args, AFTER_GPU_CRASH_FLAG];
}
