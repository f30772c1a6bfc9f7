import { describe, expect, it } from 'vitest';
import { contractNames } from '../../../electron/preload/generateChannels.js';
import { authContract } from '../../../electron/shared/contract/auth.js';
import { contract } from '../../../electron/shared/contract/index.js';
import { managerContract } from '../../../electron/shared/contract/manager.js';

/** auth: channels live in their own contract file, under the same names and roles, and the preload allows them. */
describe('auth contract', () => {
  it('holds every auth: channel, and the manager contract none', () => {
    expect(Object.keys(authContract).every((n) => n.startsWith('auth:'))).toBe(true);
    expect(Object.keys(managerContract).filter((n) => n.startsWith('auth:'))).toEqual([]);
    expect(
      Object.keys(contract)
        .filter((n) => n.startsWith('auth:'))
        .sort(),
    ).toEqual(Object.keys(authContract).sort());
  });

  it('keeps the names and who may call each', () => {
    expect(Object.fromEntries(Object.entries(authContract).map(([n, c]) => [n, c.role]))).toEqual({
      'auth:status': 'public',
      'auth:setup': 'public',
      'auth:unlock': 'public',
      'auth:lock': 'public',
      'auth:touch': 'staff',
      'auth:users': 'manager',
      'auth:addUser': 'manager',
      'auth:removeUser': 'manager',
      'auth:changePin': 'staff',
      'auth:setStaffPin': 'manager',
    });
    expect(contract['auth:setup'].input.safeParse({ storeName: '店', storeId: 'SH-1', managerName: '王', pin: '123' }).success).toBe(false);
  });

  it('the generated preload list carries them', () => {
    expect(contractNames().channels).toEqual(expect.arrayContaining(Object.keys(authContract)));
  });
});
