import fs from 'node:fs';
import { createKeyFile, newDatabaseKey, readKeyFile } from './keyFile.js';
import { createDatabase, openDatabase, type Db } from './openDatabase.js';
import { checkDataDir } from './startupCheck.js';

export type KioskPaths = { dataDir: string; dbFile: string; keyFile: string };

/**
 * Opens the kiosk's database without ever starting over silently (services/db/startupCheck):
 * only a data folder with no database and no key becomes a new kiosk, created in one step;
 * anything else is opened as it is or refused with the recovery steps. With `key` undefined the
 * kiosk keeps its key in config.keyFile (browser-kiosk mode); Electron passes the key it
 * unwrapped from the OS key store and has run checkDataDir itself before creating that key.
 */
export function openKioskDatabase(config: KioskPaths, key: string | null | undefined): Db {
  if (key !== undefined) {
    if (!fs.existsSync(config.dbFile)) {
      fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      createDatabase(config.dbFile, key);
    }
    return openDatabase({ file: config.dbFile, key });
  }
  if (checkDataDir(config) === 'new') {
    fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
    const fresh = newDatabaseKey();
    // The key is on disk before the database appears: a crash in between leaves a key and no
    // database, which the next start refuses with steps — never a database without its key.
    createDatabase(config.dbFile, fresh, () => createKeyFile(config.keyFile, fresh));
    return openDatabase({ file: config.dbFile, key: fresh });
  }
  return openDatabase({ file: config.dbFile, key: readKeyFile(config.keyFile) });
}
