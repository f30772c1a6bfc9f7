/**
 * Enrollment: the kiosk makes its Ed25519 key pair, sends only the public key with the
 * one-time code, and pins the head-office public key it gets back. The private key never
 * leaves the (encrypted) kiosk database.
 */
import { ErrorCode, KioskError } from '../../../core/errors.js';
import type { Db } from '../db/openDatabase.js';
import { nowIso } from '../../../core/ids.js';
import { createLogger } from '../../../core/logger.js';
import { assertEd25519PublicKey, generateSigningKeyPair } from '../../../core/sync/protocol.js';
import { verifyBoxKey } from '../../../core/sync/sealedBox.js';
import { getIdentity, saveIdentity, setState, type SyncIdentity } from './state.js';
import { postEnroll } from './transport.js';

const log = createLogger('sync');

export async function enrollKiosk(db: Db, headOfficeUrl: string, code: string, label = 'kiosk'): Promise<SyncIdentity> {
  const existing = getIdentity(db);
  const pending = db.prepare('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND batch_id IS NOT NULL').get() as { n: number };
  if (existing && pending.n > 0) {
    // Sealed batches are signed with the old identity; re-enrolling would strand them.
    throw new KioskError(ErrorCode.Conflict, 'This kiosk still has records waiting for head office. Sync or export them before enrolling again.');
  }
  const keys = generateSigningKeyPair();
  const r = await postEnroll(headOfficeUrl, code.trim(), keys.publicKeyPem, label);
  if (!r.ok) {
    throw new KioskError(r.status === 0 ? ErrorCode.SyncFailed : ErrorCode.Unauthorized, r.status === 0 ? r.message : `Enrollment was refused: ${r.message}`);
  }
  assertEd25519PublicKey(r.value.headOfficePublicKey);
  const { headOfficeBoxKey: boxKey, headOfficeBoxKeySignature: boxSig } = r.value;
  if (boxKey !== undefined && !verifyBoxKey(r.value.headOfficePublicKey, boxKey, boxSig ?? '')) {
    throw new KioskError(ErrorCode.SyncFailed, 'Head office sent an export key that its own signing key did not sign. Nothing was changed; check the head office address.');
  }
  const me: SyncIdentity = {
    kioskId: r.value.kioskId,
    storeId: r.value.storeId,
    headOfficeUrl,
    privateKeyPem: keys.privateKeyPem,
    publicKeyPem: keys.publicKeyPem,
    headOfficeKeyPem: r.value.headOfficePublicKey,
    enrolledAt: nowIso(),
  };
  db.transaction(() => {
    saveIdentity(db, me);
    setState(db, 'headOfficeBoxKey', boxKey ?? null);
  })();
  log.info(`enrolled as kiosk ${me.kioskId}`);
  return me;
}

export function requireIdentity(db: Db): SyncIdentity {
  const me = getIdentity(db);
  if (!me) throw new KioskError(ErrorCode.SyncFailed, 'This kiosk is not enrolled with head office yet. Ask head office for an enrollment code.');
  return me;
}
