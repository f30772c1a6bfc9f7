/**
 * `npm run headoffice -- admin …`: console accounts from the head-office host. This is how the
 * first admin comes to exist (there is no default account). Passwords are read from standard
 * input — typed without echo on a terminal, or the first line of a pipe — never from argv,
 * where other local users could read them in the process list.
 */
import readline from 'node:readline';
import type { HoStore } from '../store/types.js';
import { createAdmin, listAdmins, ROLES, setDisabled, setPassword, setRole, unlockAdmin, type Admin } from './admins.js';
import { recordAudit } from './consoleAudit.js';

export const ADMIN_USAGE = `  admin create --username <u> --role viewer|hr|admin [--name <full name>]   console account (password from stdin)
  admin list | admin set-role <u> --role <r> | admin unlock <u> | admin disable <u> | admin enable <u>
  admin reset-password <u>                       new password from stdin; ends the account's sessions`;

type Values = Record<string, string | boolean | undefined>;
const s = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

/** One line from stdin; on a terminal the typed characters are not shown. */
export async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = readline.createInterface({ input, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      for (const ch of d.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(buf);
          return;
        }
        if (ch === '\u0003') {
          input.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        buf = ch === '\u007f' ? buf.slice(0, -1) : buf + ch;
      }
    };
    input.on('data', onData);
  });
}

const view = (a: Admin) => ({ username: a.username, name: a.displayName, role: a.role, disabledAt: a.disabledAt, lockedUntil: a.lockedUntil, lastLoginAt: a.lastLoginAt, createdBy: a.createdBy });

async function byName(store: HoStore, username: string | undefined): Promise<Admin> {
  if (!username) throw new Error(`missing user name\n${ADMIN_USAGE}`);
  const a = (await listAdmins(store)).find((x) => x.username === username.trim().toLowerCase());
  if (!a) throw new Error(`no console account "${username}" (see: admin list)`);
  return a;
}

/** Returns null when the command is not ours. */
export async function runAdminCommand(store: HoStore, cmd: string, rest: string[], values: Values, out: (o: unknown) => void, whoAmI: string): Promise<number | null> {
  if (cmd !== 'admin') return null;
  const sub = rest[0];
  const log = (action: string, target: string) => recordAudit(store, { adminId: null, username: `cli:${whoAmI}`, action, target, outcome: 'ok', ip: 'local' });
  switch (sub) {
    case 'create': {
      const username = s(values.username);
      const role = s(values.role);
      if (!username || !role) throw new Error(`admin create needs --username and --role (${ROLES.join(', ')})\n${ADMIN_USAGE}`);
      const password = await readPassword(`Password for ${username} (12+ characters): `);
      const a = await createAdmin(store, { username, role, password, displayName: s(values.name), createdBy: `cli:${whoAmI}` });
      await log('account-create', a.username);
      process.stderr.write(`Account ${a.username} (${a.role}) created. Sign in at http://<head office>/console\n`);
      out({ created: view(a) });
      return 0;
    }
    case 'list':
      out({ accounts: (await listAdmins(store)).map(view) });
      return 0;
    case 'set-role': {
      const a = await byName(store, rest[1]);
      await setRole(store, a.id, s(values.role) ?? '');
      await log('account-role', a.username);
      out({ username: a.username, role: s(values.role) });
      return 0;
    }
    case 'unlock':
    case 'disable':
    case 'enable': {
      const a = await byName(store, rest[1]);
      if (sub === 'unlock') await unlockAdmin(store, a.id);
      else await setDisabled(store, a.id, sub === 'disable');
      await log(`account-${sub}`, a.username);
      out({ username: a.username, done: sub });
      return 0;
    }
    case 'reset-password': {
      const a = await byName(store, rest[1]);
      await setPassword(store, a.id, await readPassword(`New password for ${a.username}: `));
      await log('account-reset-password', a.username);
      out({ username: a.username, passwordReset: true });
      return 0;
    }
    default:
      throw new Error(`usage:\n${ADMIN_USAGE}`);
  }
}
