/**
 * `npm run --silent kiosk -- sync <enroll|status|now|export|rollback>`: kiosk sync from a
 * terminal, on the kiosk's own (encrypted) database.
 */
import { parseArgs } from 'node:util';
import { resolveConfig } from '../../services/app/config.js';
import { openKioskDatabase } from '../../services/db/openKioskDatabase.js';
import { loadPackDirs } from '../../../core/packs/loadPacks.js';
import { downlinkDirs, rollbackDownlink } from '../../services/sync/downlink.js';
import { enrollKiosk, requireIdentity } from '../../services/sync/enroll.js';
import { exportBatches } from '../../services/sync/exportBatches.js';
import { DownlinkKind } from '../../../core/sync/protocol.js';
import { getSyncStatus, syncNow } from '../../services/sync/syncService.js';

export const summary = 'enroll with head office, show status, sync now, export batches to a folder (USB), roll back a downlink';

const USAGE = `usage: npm run --silent kiosk -- sync <command>
  enroll --url <head office url> --code <enrollment code> [--label <name>]
  status
  now
  export --to <dir>
  rollback --kind pack|opening|shiftTemplate|scoringModel --name <name>`;
export const help = USAGE;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, code: { type: 'string' }, label: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
  });
  const sub = positionals[0];
  if (!sub || !['enroll', 'status', 'now', 'export', 'rollback'].includes(sub)) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const config = resolveConfig();
  const db = openKioskDatabase(config, undefined);
  const out = (o: unknown) => process.stdout.write(JSON.stringify(o) + '\n');
  try {
    switch (sub) {
      case 'enroll': {
        if (!values.url || !values.code) throw new Error(`--url and --code are required\n${USAGE}`);
        const me = await enrollKiosk(db, values.url, values.code, values.label ?? 'kiosk');
        out({ kioskId: me.kioskId, storeId: me.storeId, headOffice: me.headOfficeUrl });
        return 0;
      }
      case 'status':
        out(getSyncStatus(db));
        return 0;
      case 'now': {
        const packs = loadPackDirs([config.packsDir, downlinkDirs(config.dataDir).packsDir]).packs.map((p) => ({ id: p.pack.id, version: p.pack.version }));
        const r = await syncNow(db, config.dataDir, { maxAttempts: 3, baseMs: 1000, maxMs: 10_000, report: { modelsDir: config.modelsDir, packs: () => packs } });
        out(r);
        if (!r.ok) process.stderr.write(`sync: ${r.error ?? 'failed'}\n`);
        return r.ok ? 0 : 1;
      }
      case 'export': {
        if (!values.to) throw new Error(`--to is required\n${USAGE}`);
        const r = exportBatches(db, requireIdentity(db), values.to);
        process.stderr.write(`wrote ${r.files.length} batch file(s) with ${r.records} record(s) to ${values.to}; import them with: npm run headoffice -- import <dir>\n`);
        out({ dir: values.to, files: r.files.length, records: r.records });
        return 0;
      }
      case 'rollback': {
        const kind = DownlinkKind.parse(values.kind);
        if (!values.name) throw new Error('--name is required');
        out({ kind, name: values.name, activeVersion: rollbackDownlink(db, config.dataDir, kind, values.name) });
        return 0;
      }
    }
    return 2;
  } finally {
    db.close();
  }
}
