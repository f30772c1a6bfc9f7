import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { AFTER_GPU_CRASH_FLAG, decideCrashAction, readCrashHistory, relaunchArgs, writeCrashHistory } from '../../../electron/main/crashPolicy.js';

const MIN = 60_000;

describe('decideCrashAction', () => {
  test('a renderer crash reloads, a GPU crash relaunches', () => {
    expect(decideCrashAction('renderer', 'crashed', [], 1000)).toEqual({ action: 'reload', history: [1000] });
    expect(decideCrashAction('gpu', 'crashed', [], 1000)).toEqual({ action: 'relaunch', history: [1000] });
    expect(decideCrashAction('renderer', 'oom', [], 1000).action).toBe('reload');
    expect(decideCrashAction('renderer', 'killed', [], 1000).action).toBe('reload');
  });

  test('clean exits and other child processes are ignored and not counted', () => {
    expect(decideCrashAction('renderer', 'clean-exit', [5], 10)).toEqual({ action: 'ignore', history: [5] });
    expect(decideCrashAction('other', 'crashed', [5], 10)).toEqual({ action: 'ignore', history: [5] });
  });

  test('gives up after more than three crashes in ten minutes', () => {
    let history: number[] = [];
    const actions: string[] = [];
    for (let i = 0; i < 4; i++) {
      const d = decideCrashAction('renderer', 'crashed', history, i * MIN);
      actions.push(d.action);
      history = d.history;
    }
    expect(actions).toEqual(['reload', 'reload', 'reload', 'give-up']);
  });

  test('old crashes fall out of the window', () => {
    const d = decideCrashAction('gpu', 'crashed', [0, 1, 2], 11 * MIN);
    expect(d).toEqual({ action: 'relaunch', history: [11 * MIN] });
  });

  test('garbage and future timestamps in the history are dropped', () => {
    const d = decideCrashAction('renderer', 'crashed', [Number.NaN, Infinity, 10 * MIN + 5], 5 * MIN);
    expect(d.history).toEqual([5 * MIN]);
  });
});

describe('crash history file', () => {
  test('round-trips, tolerates damage, and is private', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-crash-'));
    try {
      const file = path.join(dir, 'crash-history.json');
      expect(readCrashHistory(file)).toEqual([]);
      writeCrashHistory(file, [1, 2, 3]);
      expect(readCrashHistory(file)).toEqual([1, 2, 3]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      fs.writeFileSync(file, '{not json');
      expect(readCrashHistory(file)).toEqual([]);
      fs.writeFileSync(file, '[1,"x",null,4]');
      expect(readCrashHistory(file)).toEqual([1, 4]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('relaunchArgs adds the GPU flag once and keeps the other arguments', () => {
  expect(relaunchArgs(['/opt/kiosk/kiosk', '--foo'])).toEqual(['--foo', AFTER_GPU_CRASH_FLAG]);
  expect(relaunchArgs(['/opt/kiosk/kiosk', AFTER_GPU_CRASH_FLAG])).toEqual([AFTER_GPU_CRASH_FLAG]);
});
