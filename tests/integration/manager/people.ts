import type { ManagerKiosk } from './managerHarness.js';

/** The pad picks a person by name before the PIN; tests do the same through auth:status. */
export async function personId(k: Pick<ManagerKiosk, 'rpc'>, name: string): Promise<string> {
  const st = await k.rpc('auth:status', {});
  const p = st.people.find((x) => x.name === name);
  if (!p) throw new Error(`${name} is not on the PIN pad (${st.people.map((x) => x.name).join(', ')})`);
  return p.id;
}

/** Unlocks as a named person, as the PIN pad does. */
export async function unlockAs(k: Pick<ManagerKiosk, 'rpc'>, name: string, pin: string) {
  return k.rpc('auth:unlock', { userId: await personId(k, name), pin });
}
