import { z } from 'zod';

/** Events main pushes to the renderer (Electron: webContents.send; bridge: WebSocket). */
export const eventContract = {
  'speech:partial': { payload: z.object({ sessionId: z.string(), text: z.string() }) },
  'speech:final': { payload: z.object({ sessionId: z.string(), text: z.string() }) },
  'speech:error': { payload: z.object({ sessionId: z.string(), code: z.string(), message: z.string() }) },
  'speech:level': { payload: z.object({ sessionId: z.string(), rms: z.number() }) },
} as const;
