/**
 * `npm run headoffice -- <command>`: the head-office service and its admin tasks.
 * Storage: PostgreSQL when DATABASE_URL is set, else the SQLite file from --db, HEADOFFICE_DB
 * or .headoffice-data/headoffice.db. Machine output is one JSON object on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_TOKEN_TTL_DAYS, issueEnrollmentCode, issueRecoveryCode, issueToken, listKiosks, listTokens, revokeKiosk, revokeToken } from './admin.js';
import { listAuthFailures } from './authLimits.js';
import { exportFeed } from './exportFeed.js';
import { ADMIN_USAGE, runAdminCommand } from './auth/cliCommands.js';
import { FAIRNESS_USAGE, runFairnessCommand } from './fairness/cliCommands.js';
import { importDir } from './importDir.js';
import { recordAudit } from './auth/consoleAudit.js';
import { importStoresCsv, listStores, setStoreMeta } from './hr/stores.js';
import { startNotifier, webhookFromEnv } from './notify/deliver.js';
import { notificationCounts } from './notify/admin.js';
import { NOTIFY_USAGE, runNotifyCommand } from './notify/cliCommands.js';
import { publishDownlink, publishResultSetting } from './publish.js';
import { buildServer } from './server.js';
import { computeStats } from './stats.js';
import { openStore } from './store/openStore.js';

const USAGE = `usage: npm run headoffice -- <command> [options]   (global: --db <file>; DATABASE_URL selects PostgreSQL)
  serve --port <p> [--host 127.0.0.1] [--trust-proxy] [--insecure-cookie] [--ingest-workers <n>]   run the HTTP service and the HR console at /console
                                                (--trust-proxy: behind a reverse proxy; --insecure-cookie: console over plain http, local use only;
                                                 --ingest-workers: threads that check uploaded batches, default one per spare core (max 4), 0 = none)
  enroll-code --store <storeId> [--ttl-hours 72] [--replaces <kioskId>]   one-time kiosk enrollment code
                                                (--replaces: re-enroll that kiosk; its interviews move to the new id)
  token issue --name <n> --scopes feed:read,stats:read,export,outcomes:write,fairness:read,admin [--ttl-days ${DEFAULT_TOKEN_TTL_DAYS}]
  token revoke <tokenId> | token list
  kiosk revoke <kioskId>                        refuse this kiosk's batches and requests from now on
  kiosk recovery-code <kioskId> [--ttl-hours 24]   one-time code that lets a locked-out manager set a new PIN on that kiosk
  publish --kind pack|opening|shiftTemplate|scoringModel|storeSetting --name <n> --file <f> [--stores s1,s2]
  publish-result-setting --store <s> --sms on|off   send the store's kiosks its phone page URL (notify store --result-url)
                                                and whether results go out by SMS (kiosks then offer the SMS consent)
  import <dir>                                  ingest batch files exported by kiosks
  export --format csv|json --out <file> [--store s] [--status st]
  stats [--store s]                             funnel, pass rates and score bins per store and opening
  kiosks                                        enrolled kiosks, their watermarks, refusals and auth failures
  stores list | stores set <storeId> [--region r] [--name-zh n] [--name-en n] | stores import <file.csv>
                                                store regions and names (CSV header: store,region,name_zh,name_en)
${FAIRNESS_USAGE}
${NOTIFY_USAGE}
${ADMIN_USAGE}`;

/**
 * `<command> --help`: the global line and the command's own lines (a line starting with the
 * command, and the lines indented under it); the whole usage for a command it does not know.
 */
function usageOf(cmd: string | undefined): string {
  const [head, ...lines] = USAGE.split('\n');
  const picked: string[] = [];
  let isOn = false;
  for (const l of lines) {
    const m = /^ {2}(\S+)/.exec(l);
    if (m) isOn = m[1] === cmd;
    if (isOn) picked.push(l);
  }
  return picked.length > 0 ? [head, ...picked].join('\n') : USAGE;
}

const out = (o: unknown) => process.stdout.write(JSON.stringify(o, null, 2) + '\n');
const argv = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: argv,
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    store: { type: 'string' },
    'ttl-hours': { type: 'string' },
    name: { type: 'string' },
    scopes: { type: 'string' },
    'ttl-days': { type: 'string' },
    replaces: { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    kind: { type: 'string' },
    file: { type: 'string' },
    stores: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    status: { type: 'string' },
    help: { type: 'boolean' },
    json: { type: 'boolean' },
    by: { type: 'string' },
    reason: { type: 'string' },
    pack: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    csv: { type: 'string' },
    lambda: { type: 'string' },
    username: { type: 'string' },
    role: { type: 'string' },
    'insecure-cookie': { type: 'boolean' },
    'ingest-workers': { type: 'string' },
    lang: { type: 'string' },
    region: { type: 'string' },
    'name-zh': { type: 'string' },
    'name-en': { type: 'string' },
    'result-url': { type: 'string' },
    sms: { type: 'string' },
  },
});
const [cmd, ...rest] = positionals;
// Help never opens the store (no database file is created, nothing is written).
if (values.help || cmd === 'help') {
  process.stderr.write(usageOf(cmd === 'help' ? rest[0] : cmd) + '\n');
  process.exit(0);
}
if (!cmd) {
  process.stderr.write(USAGE + '\n');
  process.exit(2);
}

const dbFile = path.resolve(values.db ?? process.env.HEADOFFICE_DB ?? '.headoffice-data/headoffice.db');
const store = await openStore({ databaseUrl: process.env.DATABASE_URL, file: dbFile });
const need = (v: string | undefined, what: string): string => {
  if (!v) throw new Error(`missing ${what}\n${USAGE}`);
  return v;
};

try {
  switch (cmd) {
    case 'serve': {
      const workers = values['ingest-workers'];
      if (workers !== undefined && !/^\d{1,2}$/.test(workers)) throw new Error(`--ingest-workers takes a number of threads (0–99), not "${workers}"\n${USAGE}`);
      const app = buildServer(store, {
        trustProxy: values['trust-proxy'] ?? false,
        consoleCookieSecure: !values['insecure-cookie'],
        prestartIngestWorkers: true,
        ...(workers !== undefined ? { ingestWorkers: Number(workers) } : {}),
      });
      const address = await app.listen({ port: Number(values.port ?? 8787), host: values.host ?? '127.0.0.1' });
      process.stderr.write(`head office listening on ${address} (${store.dialect}${store.dialect === 'sqlite' ? ` ${dbFile}` : ''})\n`);
      out({ listening: address, store: store.dialect });
      const webhook = webhookFromEnv(); // applicant notifications (docs/notify.md); off without NOTIFY_WEBHOOK_URL
      const notifier = webhook ? startNotifier(store, webhook) : null;
      const stop = async () => {
        notifier?.stop();
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise(() => undefined); // serve until signalled
      break;
    }
    case 'enroll-code':
      out({ storeId: need(values.store, '--store'), ...(await issueEnrollmentCode(store, values.store!, Number(values['ttl-hours'] ?? 72), values.replaces ? { replaces: values.replaces } : {})) });
      break;
    case 'token': {
      const sub = rest[0];
      if (sub === 'issue') {
        const ttlDays = values['ttl-days'] === undefined ? undefined : Number(values['ttl-days']);
        const t = await issueToken(
          store,
          need(values.name, '--name'),
          need(values.scopes, '--scopes')
            .split(',')
            .map((s) => s.trim()),
          ttlDays === undefined ? {} : { ttlDays },
        );
        process.stderr.write('Store this token now: it is shown only once.\n');
        out(t);
      } else if (sub === 'revoke') out({ revoked: await revokeToken(store, need(rest[1], 'token id')) });
      else if (sub === 'list') out({ tokens: await listTokens(store) });
      else throw new Error(USAGE);
      break;
    }
    case 'publish': {
      const content = fs.readFileSync(need(values.file, '--file'));
      out(await publishDownlink(store, need(values.kind, '--kind'), need(values.name, '--name'), content, values.stores ? values.stores.split(',') : null));
      break;
    }
    case 'publish-result-setting': {
      const sms = need(values.sms, '--sms');
      if (sms !== 'on' && sms !== 'off') throw new Error('--sms must be on or off');
      out(await publishResultSetting(store, need(values.store, '--store'), sms === 'on'));
      break;
    }
    case 'import': {
      const report = await importDir(store, need(rest[0], 'folder'));
      out(report);
      for (const r of report.refused) process.stderr.write(`refused ${r.file}: ${r.reason}\n`);
      if (report.refused.length > 0) process.exitCode = 1;
      break;
    }
    case 'export': {
      const format = need(values.format, '--format');
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
      const o = path.resolve(need(values.out, '--out'));
      out({ out: o, ...(await exportFeed(store, { format, out: o, ...(values.store ? { store: values.store } : {}), ...(values.status ? { status: values.status } : {}) })) });
      break;
    }
    case 'stats':
      out({ ...(await computeStats(store, { store: values.store })), notifications: await notificationCounts(store, values.store) });
      break;
    case 'kiosks':
      // Revoked kiosks stay listed (revokedAt, replacedBy); refusedRecords counts writes about other kiosks' data.
      out({ kiosks: await listKiosks(store), authFailuresBySource: await listAuthFailures(store) });
      break;
    case 'stores': {
      const by = `cli:${os.userInfo().username}`;
      const logged = (action: string, target: string | null, detail = '') => recordAudit(store, { adminId: null, username: by, action, target, outcome: 'ok', detail, ip: 'local' });
      if (rest[0] === 'list') out({ stores: await listStores(store) });
      else if (rest[0] === 'set') {
        const id = need(rest[1], 'store id');
        const s = await setStoreMeta(store, { storeId: id, region: values.region, nameZh: values['name-zh'], nameEn: values['name-en'] }, by);
        await logged('store-set', id, `region=${s.region ?? ''}`);
        out(s);
      } else if (rest[0] === 'import') {
        const file = need(rest[1], 'CSV file');
        const r = await importStoresCsv(store, fs.readFileSync(file, 'utf8'), by);
        await logged('stores-import', null, `${r.imported} stores from ${path.basename(file)}`);
        out(r);
      } else throw new Error(usageOf('stores'));
      break;
    }
    case 'kiosk': {
      if (rest[0] === 'recovery-code') {
        const r = await issueRecoveryCode(store, need(rest[1], 'kiosk id'), values['ttl-hours'] ? Number(values['ttl-hours']) : 24);
        if (!r) {
          process.stderr.write(`kiosk ${rest[1]} is unknown or revoked (see the kiosks command)\n`);
          process.exitCode = 1;
          break;
        }
        process.stderr.write(
          `one-time recovery code for ${r.kioskId}, valid until ${r.expiresAt}; on the kiosk: npm run --silent kiosk -- auth recover --manager <name> (paste the code, then the new PIN)\n`,
        );
        out(r);
        break;
      }
      if (rest[0] !== 'revoke') throw new Error(USAGE);
      const id = need(rest[1], 'kiosk id');
      const revoked = await revokeKiosk(store, id);
      if (!revoked) process.stderr.write(`kiosk ${id} is unknown or already revoked (see the kiosks command)\n`);
      out({ kioskId: id, revoked });
      if (!revoked) process.exitCode = 1;
      break;
    }
    default: {
      const code =
        (await runAdminCommand(store, cmd, rest, values, out, os.userInfo().username)) ??
        (await runFairnessCommand(store, cmd, rest, values, out)) ??
        (await runNotifyCommand(store, cmd, rest, values, out));
      if (code === null) throw new Error(`unknown command ${cmd}\n${USAGE}`);
      process.exitCode = code;
    }
  }
} catch (e) {
  process.stderr.write(`headoffice ${cmd}: ${(e as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (cmd !== 'serve') await store.close();
}
