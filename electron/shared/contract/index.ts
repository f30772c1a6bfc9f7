import type { z } from 'zod';
import type { ChannelSpec } from './define.js';
import { interviewContract } from './interview.js';
import { eventContract } from './events.js';
import { syncContract } from './sync.js';
import { speechContract } from './speech.js';
import { authContract } from './auth.js';
import { managerContract } from './manager.js';
import { lookupContract } from './lookup.js';
import { scoringContract } from './scoring.js';
import { selfIdContract } from './selfid.js';
import { notifyContract } from './notify.js';

/**
 * The whole renderer ↔ main contract. Each feature declares its slice next to its schemas;
 * add a slice by importing it here. Duplicate names across slices are a start-up error
 * (see mergeSlices), so two features can never silently claim one channel.
 */
export function mergeSlices<T extends Record<string, ChannelSpec>[]>(...slices: T): Record<string, ChannelSpec> {
  const out: Record<string, ChannelSpec> = {};
  for (const slice of slices) {
    for (const [name, spec] of Object.entries(slice)) {
      if (name in out) throw new Error(`contract: channel "${name}" is declared twice`);
      if (!/^[a-z]+:[a-zA-Z]+$/.test(name)) throw new Error(`contract: channel "${name}" is not domain:verb`);
      out[name] = spec;
    }
  }
  return out;
}

const slices = [interviewContract, syncContract, speechContract, authContract, managerContract, lookupContract, scoringContract, selfIdContract, notifyContract] as const;

export const contract = mergeSlices(...slices) as UnionToIntersection<(typeof slices)[number]>;
export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
export type InputOf<K extends ChannelName> = z.input<Contract[K]['input']>;
export type OutputOf<K extends ChannelName> = z.output<Contract[K]['output']>;
export const channelNames = Object.keys(contract) as ChannelName[];
export { eventContract };
export type EventName = keyof typeof eventContract & string;
export type EventPayload<K extends EventName> = z.output<(typeof eventContract)[K]['payload']>;

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
