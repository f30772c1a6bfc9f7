import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { channelNames, eventContract } from '../shared/contract/index.js';

/**
 * Writes the contract's channel and event names into preload.cts between the GENERATED markers
 * (a sandboxed preload cannot import them). Run after changing the contract:
 *   npx tsx electron/preload/generateChannels.ts          rewrite
 *   npx tsx electron/preload/generateChannels.ts --check  exit 1 if out of date
 */
export const PRELOAD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cts');
const BEGIN = '// BEGIN GENERATED CHANNELS (npx tsx electron/preload/generateChannels.ts)';
const END = '// END GENERATED CHANNELS';

export function contractNames(): { channels: string[]; events: string[] } {
  return { channels: [...channelNames].sort(), events: Object.keys(eventContract).sort() };
}

export function renderBlock(channels: readonly string[], events: readonly string[]): string {
  const list = (xs: readonly string[]) => xs.map((x) => `  ${JSON.stringify(x).replace(/^"|"$/g, "'")},`).join('\n');
  return [BEGIN, `export const CHANNELS: readonly string[] = [`, list(channels), '];', `export const EVENTS: readonly string[] = [`, list(events), '];', END].join('\n');
}

/** The source with its generated block replaced; throws when the markers are missing. */
export function withGeneratedBlock(source: string, block: string): string {
  const start = source.indexOf(BEGIN);
  const end = source.indexOf(END);
  if (start < 0 || end < start) throw new Error(`preload: the GENERATED CHANNELS markers are missing in ${PRELOAD_FILE}`);
  return source.slice(0, start) + block + source.slice(end + END.length);
}

function main(argv: string[]): number {
  const { channels, events } = contractNames();
  for (const n of [...channels, ...events]) if (!/^[a-z]+:[a-zA-Z]+$/.test(n)) throw new Error(`preload: unexpected name ${n}`);
  const source = fs.readFileSync(PRELOAD_FILE, 'utf8');
  const next = withGeneratedBlock(source, renderBlock(channels, events));
  if (next === source) {
    process.stderr.write(`preload channels up to date (${channels.length} channels, ${events.length} events)\n`);
    return 0;
  }
  if (argv.includes('--check')) {
    process.stderr.write('preload channels are out of date: run npx tsx electron/preload/generateChannels.ts\n');
    return 1;
  }
  fs.writeFileSync(PRELOAD_FILE, next);
  process.stderr.write(`preload channels written (${channels.length} channels, ${events.length} events)\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
