import fs from 'node:fs';
import vm from 'node:vm';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { contractNames, PRELOAD_FILE, renderBlock, withGeneratedBlock } from '../../../electron/preload/generateChannels.js';

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
type KioskApi = { invoke(name: unknown, input: unknown): Promise<Result>; on(name: unknown, cb: unknown): () => void };
type Listener = (event: unknown, payload: unknown) => void;

/**
 * Runs preload.cts the way a sandboxed Electron renderer does: as CommonJS source inside a
 * wrapper whose require() knows only 'electron' (plus Electron's few built-ins). A relative import
 * or a Node module would fail here exactly as it would in the sandbox. Electron itself (ipcRenderer,
 * contextBridge) is the stand-in edge.
 */
function loadPreload(ipcAnswer: (name: string, input: unknown) => Promise<unknown>) {
  const js = ts.transpileModule(fs.readFileSync(PRELOAD_FILE, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
    fileName: 'preload.cts',
  }).outputText;
  const sent: [string, unknown][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const exposed: Record<string, KioskApi> = {};
  const ipcRenderer = {
    invoke(name: string, input: unknown) {
      sent.push([name, input]);
      return ipcAnswer(name, input);
    },
    on(name: string, l: Listener) {
      if (!listeners.has(name)) listeners.set(name, new Set());
      listeners.get(name)!.add(l);
    },
    removeListener(name: string, l: Listener) {
      listeners.get(name)?.delete(l);
    },
  };
  const electron = { contextBridge: { exposeInMainWorld: (k: string, api: KioskApi) => (exposed[k] = api) }, ipcRenderer };
  const sandboxRequire = (id: string) => {
    if (id === 'electron') return electron;
    if (id === 'events' || id === 'timers' || id === 'url') return {};
    throw new Error(`sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} as Record<string, unknown> };
  const wrapper = vm.runInNewContext(`(function (require, module, exports, process, Buffer, global) {${js}\n})`, {}) as (...a: unknown[]) => void;
  wrapper(sandboxRequire, module, module.exports, {}, undefined, {});
  const emit = (name: string, payload: unknown) => listeners.get(name)?.forEach((l) => l({ sender: ipcRenderer, senderFrame: 'secret' }, payload));
  return { api: exposed.kiosk!, exports: module.exports, sent, listeners, emit };
}

describe('preload', () => {
  let p: ReturnType<typeof loadPreload>;
  beforeAll(() => {
    p = loadPreload(async (name) => (name === 'interview:resume' ? { ok: true, value: { state: null } } : Promise.reject(new Error('main not ready'))));
  });

  test('is self-contained: only requires what a sandboxed preload may require', () => {
    expect(p.api).toBeDefined();
    expect(Object.keys(p.api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(p.api)).toBe(true);
  });

  test('its generated channel list is in sync with the contract', () => {
    const { channels, events } = contractNames();
    expect([...(p.exports.CHANNELS as string[])]).toEqual(channels);
    expect([...(p.exports.EVENTS as string[])]).toEqual(events);
    const source = fs.readFileSync(PRELOAD_FILE, 'utf8');
    expect(withGeneratedBlock(source, renderBlock(channels, events)), 'run: npx tsx electron/preload/generateChannels.ts').toBe(source);
  });

  test('contract calls go to main and come back as results', async () => {
    await expect(p.api.invoke('interview:resume', {})).resolves.toEqual({ ok: true, value: { state: null } });
    expect(p.sent.at(-1)).toEqual(['interview:resume', {}]);
  });

  test('a failing main answers INTERNAL instead of throwing into the page', async () => {
    await expect(p.api.invoke('packs:list', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('anything outside the contract is refused without sending', async () => {
    const before = p.sent.length;
    for (const name of ['fs:read', 'interview:start ', 'INTERVIEW:START', '__proto__', 'constructor', 'toString', 'speech:partial', '', 42, null, { toString: () => 'packs:list' }]) {
      await expect(p.api.invoke(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(p.sent.length).toBe(before);
  });

  test('events: only contract events, payload only (never the IPC event), unsubscribe works', () => {
    const got: unknown[] = [];
    const off = p.api.on('speech:partial', (...args: unknown[]) => got.push(args));
    p.emit('speech:partial', { sessionId: 's', text: '你好' });
    expect(got).toEqual([[{ sessionId: 's', text: '你好' }]]);
    off();
    p.emit('speech:partial', { sessionId: 's', text: 'again' });
    expect(got).toHaveLength(1);
    expect(p.listeners.get('speech:partial')?.size).toBe(0);
    for (const name of ['packs:list', 'ipc:anything', '__proto__', 7]) expect(() => p.api.on(name, () => {})).toThrow(/Unknown event/);
    expect(() => p.api.on('speech:final', 'not a function')).toThrow(/callback/);
    expect(p.listeners.has('packs:list')).toBe(false);
  });

  test('input the IPC layer cannot clone is reported, not thrown', async () => {
    const q = loadPreload(() => {
      throw new Error('An object could not be cloned.');
    });
    await expect(q.api.invoke('packs:list', { f: () => 1 })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
