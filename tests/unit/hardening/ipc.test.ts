import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forwardEvents, isTrustedSender, registerContractIpc } from '../../../electron/main/ipc.js';
import { channelNames } from '../../../electron/shared/contract/index.js';
import { tempKiosk } from '../../integration/helpers/tempKiosk.js';
import { FakeIpcMain, FakeWebContents } from './fakeElectron.js';

// A real kiosk app (encrypted SQLite in a temp dir, real handlers) behind the IPC wiring.
let kiosk: ReturnType<typeof tempKiosk>;
const ipc = new FakeIpcMain();
const win = new FakeWebContents();
const other = new FakeWebContents();
const topFrame = (url: string) => ({ url, parent: null }) as never;
const ownEvent = { sender: win.asElectron(), senderFrame: topFrame('app://kiosk/index.html') };

beforeAll(() => {
  kiosk = tempKiosk();
  registerContractIpc({
    ipcMain: ipc,
    registry: kiosk.registry,
    channels: channelNames,
    isTrusted: (e) => isTrustedSender(e, win.asElectron()),
    callContext: () => kiosk.callContext(),
  });
});
afterAll(async () => {
  await kiosk.cleanup();
});

describe('registerContractIpc', () => {
  test('one handler per contract channel, nothing more', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual([...channelNames].sort());
  });

  test('a call from the kiosk window reaches the real service', async () => {
    const r = (await ipc.invoke('packs:list', ownEvent, {})) as { ok: boolean; value: { openings: unknown[] } };
    expect(r.ok).toBe(true);
    expect(r.value.openings.length).toBeGreaterThan(0);
  });

  test('invalid input comes back as INVALID_INPUT, not a throw', async () => {
    expect(await ipc.invoke('interview:state', ownEvent, { interviewId: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await ipc.invoke('packs:list', ownEvent, { extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('manager calls need the session main holds: refused while locked', async () => {
    expect(await ipc.invoke('auth:users', ownEvent, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });

  test('other senders are refused before the registry sees the call', async () => {
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await ipc.invoke('packs:list', { sender: other.asElectron(), senderFrame: topFrame('app://kiosk/index.html') }, {})).toMatchObject(forbidden);
    expect(await ipc.invoke('packs:list', { sender: win.asElectron(), senderFrame: topFrame('https://evil.example/') }, {})).toMatchObject(forbidden);
    expect(await ipc.invoke('packs:list', { sender: win.asElectron(), senderFrame: null }, {})).toMatchObject(forbidden);
    const subFrame = { url: 'app://kiosk/index.html', parent: { url: 'app://kiosk/' } } as never;
    expect(await ipc.invoke('packs:list', { sender: win.asElectron(), senderFrame: subFrame }, {})).toMatchObject(forbidden);
  });

  test('isTrustedSender with no window refuses everything', () => {
    expect(isTrustedSender(ownEvent, null)).toBe(false);
  });

  test('unregister removes every handler', () => {
    const local = new FakeIpcMain();
    const off = registerContractIpc({ ipcMain: local, registry: kiosk.registry, channels: channelNames, isTrusted: () => true, callContext: () => kiosk.callContext() });
    expect(local.handlers.size).toBe(channelNames.length);
    off();
    expect(local.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  test('service events reach the live window only', () => {
    const target = new FakeWebContents();
    let current: FakeWebContents | null = target;
    const off = forwardEvents(kiosk.events, () => current);
    kiosk.events.emit('speech:partial', { sessionId: 's1', text: '你好' });
    expect(target.sent).toEqual([['speech:partial', { sessionId: 's1', text: '你好' }]]);
    target.destroyed = true;
    kiosk.events.emit('speech:final', { sessionId: 's1', text: 'x' });
    current = null;
    kiosk.events.emit('speech:final', { sessionId: 's1', text: 'y' });
    expect(target.sent).toHaveLength(1);
    off();
    target.destroyed = false;
    current = target;
    kiosk.events.emit('speech:final', { sessionId: 's1', text: 'z' });
    expect(target.sent).toHaveLength(1);
  });
});
