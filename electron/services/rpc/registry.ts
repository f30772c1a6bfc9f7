import { z } from 'zod';
import { contract, type ChannelName, type InputOf, type OutputOf } from '../../shared/contract/index.js';
import type { Role } from '../../shared/contract/define.js';
import { ErrorCode, isKioskError, KioskError, type Result } from '../../../core/errors.js';
import { createLogger } from '../../../core/logger.js';

const log = createLogger('rpc');

/** What main (or the bridge) knows about the caller; never comes from the renderer's input. */
export type CallContext = { role: Role; sessionId: string | null; userName: string | null };

export type Handler<K extends ChannelName> = (input: OutputOfInput<K>, ctx: CallContext) => OutputOf<K> | Promise<OutputOf<K>>;
type OutputOfInput<K extends ChannelName> = z.output<(typeof contract)[K]['input']>;

export type Registry = {
  register<K extends ChannelName>(name: K, handler: Handler<K>): void;
  dispatch(name: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>>;
  names(): string[];
};

const ROLE_RANK: Record<Role, number> = { public: 0, staff: 1, manager: 2 };

export function createRegistry(): Registry {
  const handlers = new Map<string, Handler<ChannelName>>();
  return {
    register(name, handler) {
      if (!(name in contract)) throw new Error(`rpc: "${name}" is not in the contract`);
      if (handlers.has(name)) throw new Error(`rpc: "${name}" registered twice`);
      handlers.set(name, handler as unknown as Handler<ChannelName>);
    },
    names: () => [...handlers.keys()],
    async dispatch(name, rawInput, ctx) {
      const spec = (contract as Record<string, (typeof contract)[ChannelName]>)[name];
      const handler = handlers.get(name);
      if (!spec || !handler) return fail(ErrorCode.UnknownChannel, `Unknown call "${name}".`);
      if (ROLE_RANK[ctx.role] < ROLE_RANK[spec.role]) {
        return fail(ErrorCode.Unauthorized, 'Please unlock the manager console with your PIN first.');
      }
      const parsed = spec.input.safeParse(rawInput ?? {});
      if (!parsed.success) return fail(ErrorCode.InvalidInput, describeZodError(parsed.error));
      const started = performance.now();
      try {
        const value = await handler(parsed.data as never, ctx);
        const ms = performance.now() - started;
        if (ms > 200) log.info(`${name} took ${ms.toFixed(0)} ms`);
        return { ok: true, value };
      } catch (e) {
        if (isKioskError(e)) return fail(e.code, e.message, e.reason);
        log.error(`${name} failed`, e);
        return fail(ErrorCode.Internal, 'Something went wrong on the kiosk. Your earlier answers are saved; please try again or ask staff for help.');
      }
    },
  };
}

export const fail = (code: ErrorCode, message: string, reason?: string): Result<never> => ({ ok: false, error: reason ? { code, message, reason } : { code, message } });

export function describeZodError(err: z.ZodError): string {
  return err.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`)
    .join('; ');
}

/** Typed helper for tests and the CLI: call a channel and unwrap, throwing KioskError. */
export async function call<K extends ChannelName>(reg: Registry, name: K, input: InputOf<K>, ctx: CallContext = PUBLIC): Promise<OutputOf<K>> {
  const r = await reg.dispatch(name, input, ctx);
  if (!r.ok) throw new KioskError(r.error.code, r.error.message, r.error.reason ? { reason: r.error.reason } : {});
  return r.value as OutputOf<K>;
}

export const PUBLIC: CallContext = { role: 'public', sessionId: null, userName: null };
