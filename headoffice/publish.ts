/**
 * Downlink publishing: every publish of a (kind, name) gets the next version number and a
 * head-office signature over kind, name, version, content hash and time (see protocol.ts).
 */
import crypto from 'node:crypto';
import { downlinkMessage, DownlinkKind, RESULT_SETTING_NAME, ResultSetting, type DownlinkItem } from '../core/sync/protocol.js';
import { sha256Hex } from '../core/ids.js';
import { headOfficeKey } from './admin.js';
import { storeSettings } from './notify/templates.js';
import type { HoStore, Queryable } from './store/types.js';

export async function publishDownlink(store: HoStore, kind: string, name: string, content: Buffer, stores: string[] | null = null): Promise<{ version: number; sha256: string }> {
  const key = await headOfficeKey(store);
  return store.tx((q) => publishDownlinkIn(q, key.privateKeyPem, kind, name, content, stores), { serial: true });
}

/**
 * The publish itself, inside the caller's serial transaction (so a caller can make it atomic
 * with its own bookkeeping, e.g. a model candidate's status). The version is read under the
 * serial lock, so two head-office instances publishing at once get consecutive versions.
 */
export async function publishDownlinkIn(q: Queryable, privateKeyPem: string, kind: string, name: string, content: Buffer, stores: string[] | null): Promise<{ version: number; sha256: string }> {
  const k = DownlinkKind.parse(kind);
  if (!/^[A-Za-z0-9._-]{1,80}$/.test(name)) throw new Error('name: letters, digits, . _ - only');
  const last = await q.get<{ v: number | null }>('SELECT MAX(version) AS v FROM ho_downlink WHERE kind = ? AND name = ?', [k, name]);
  if (k === 'storeSetting') {
    // Kiosks refuse a setting they cannot read; refuse it here first, with the reason.
    if (name !== RESULT_SETTING_NAME) throw new Error(`storeSetting: the only setting is "${RESULT_SETTING_NAME}"`);
    const v = ResultSetting.safeParse(JSON.parse(content.toString('utf8')));
    if (!v.success) throw new Error(`storeSetting ${name}: ${v.error.issues.map((i) => `${i.path.join('.') || 'content'}: ${i.message}`).join('; ')}`);
  }
  const version = (last?.v ?? 0) + 1;
  const sha256 = sha256Hex(content);
  const publishedAt = new Date().toISOString();
  const signature = crypto.sign(null, downlinkMessage({ kind: k, name, version, sha256, publishedAt }), privateKeyPem).toString('base64');
  await q.run('INSERT INTO ho_downlink (kind, name, version, sha256, content, signature, stores, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    k,
    name,
    version,
    sha256,
    content,
    signature,
    stores && stores.length ? stores.join(' ') : null,
    publishedAt,
  ]);
  return { version, sha256 };
}

/**
 * Sends one store's kiosks its result setting (signed downlink): the phone page URL from
 * `notify store --result-url` (none: kiosks show the code only) and whether head office sends
 * this store's applicants their result by SMS (kiosks offer the SMS consent only when it does).
 */
export async function publishResultSetting(store: HoStore, storeId: string, sms: boolean): Promise<{ version: number; sha256: string; setting: ResultSetting }> {
  const setting: ResultSetting = ResultSetting.parse({ v: 1, resultUrl: (await storeSettings(store, storeId)).resultUrl, sms });
  const r = await publishDownlink(store, 'storeSetting', RESULT_SETTING_NAME, Buffer.from(JSON.stringify(setting)), [storeId]);
  return { ...r, setting };
}

/** Latest version of every lineage addressed to this store (or to all stores). */
export async function downlinkFor(store: HoStore, storeId: string): Promise<DownlinkItem[]> {
  const rows = await store.all<{ kind: string; name: string; version: number; sha256: string; content: Buffer; signature: string; stores: string | null; published_at: string }>(
    `SELECT d.kind, d.name, d.version, d.sha256, d.content, d.signature, d.stores, d.published_at FROM ho_downlink d
     WHERE d.version = (SELECT MAX(version) FROM ho_downlink x WHERE x.kind = d.kind AND x.name = d.name
       AND (x.stores IS NULL OR (' ' || x.stores || ' ') LIKE ?))
     ORDER BY d.kind, d.name`,
    [`% ${storeId} %`],
  );
  return rows
    .filter((r) => r.stores === null || r.stores.split(' ').includes(storeId))
    .map((r) => ({
      kind: DownlinkKind.parse(r.kind),
      name: r.name,
      version: r.version,
      sha256: r.sha256,
      publishedAt: r.published_at,
      contentBase64: Buffer.from(r.content).toString('base64'),
      signature: r.signature,
    }));
}
