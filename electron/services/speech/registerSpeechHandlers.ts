import type { AppContext } from '../app/appContext.js';
import { createLogger } from '../../../core/logger.js';
import { loadManifest, type Manifest } from './models/modelManifest.js';
import { createSpeechService } from './speechService.js';
import { createVoskEngine } from './voskEngine.js';

const log = createLogger('speech');

/** A broken model list must not stop the kiosk: speech is then simply unavailable (typing works). */
function manifestOrEmpty(file: string): Manifest {
  try {
    return loadManifest(file);
  } catch (e) {
    log.error(`speech disabled: model manifest ${file} unreadable`, e);
    return { version: 1, models: [] };
  }
}

/** Wires the speech:* contract to the speech service. The worker starts on first use. */
export function registerSpeechHandlers(ctx: AppContext) {
  const service = createSpeechService({
    engine: createVoskEngine({ libPath: ctx.config.voskLib }),
    manifest: manifestOrEmpty(ctx.config.modelsManifest),
    modelsDir: ctx.config.modelsDir,
    modelOverrides: ctx.config.speechModels,
    db: ctx.db,
    events: ctx.events,
  });
  const r = ctx.registry;
  r.register('speech:status', () => ({ capture: service.capture(), languages: service.status() }));
  r.register('speech:prepare', ({ lang }) => service.prepare(lang));
  r.register('speech:start', ({ lang }) => service.start(lang));
  r.register('speech:startDevice', ({ lang }) => service.startDevice(lang));
  r.register('speech:audio', ({ sessionId, pcm }) => {
    service.audio(sessionId, Buffer.from(pcm, 'base64'));
    return {};
  });
  r.register('speech:stop', ({ sessionId }) => service.stop(sessionId));
  r.register('speech:cancel', async ({ sessionId }) => {
    await service.cancel(sessionId);
    return {};
  });
  ctx.disposers.push(() => service.close());
  return service;
}
