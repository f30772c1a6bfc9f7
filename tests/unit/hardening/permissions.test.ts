import { describe, expect, test } from 'vitest';
import { isPermissionCheckAllowed, isPermissionRequestAllowed } from '../../../electron/main/permissions.js';

const OWN = 'app://kiosk/index.html';

describe('isPermissionRequestAllowed', () => {
  test('camera and microphone for our own top frame', () => {
    expect(isPermissionRequestAllowed('media', { requestingUrl: OWN, mediaTypes: ['video', 'audio'], isMainFrame: true })).toBe(true);
    expect(isPermissionRequestAllowed('media', { requestingUrl: OWN, mediaTypes: ['audio'] })).toBe(true);
    expect(isPermissionRequestAllowed('media', { requestingUrl: OWN, mediaTypes: [] })).toBe(true);
  });

  test.each([
    ['another origin', 'media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }],
    ['a look-alike origin', 'media', { requestingUrl: 'app://kiosk.evil/', mediaTypes: ['video'] }],
    ['file://', 'media', { requestingUrl: 'file:///index.html', mediaTypes: ['audio'] }],
    ['no origin', 'media', { mediaTypes: ['audio'] }],
    ['a sub-frame', 'media', { requestingUrl: OWN, mediaTypes: ['audio'], isMainFrame: false }],
    ['an unknown media type (screen capture)', 'media', { requestingUrl: OWN, mediaTypes: ['audio', 'screen'] }],
    ['geolocation', 'geolocation', { requestingUrl: OWN }],
    ['notifications', 'notifications', { requestingUrl: OWN }],
    ['clipboard-read', 'clipboard-read', { requestingUrl: OWN }],
    ['display-capture', 'display-capture', { requestingUrl: OWN }],
    ['fullscreen', 'fullscreen', { requestingUrl: OWN }],
    ['openExternal', 'openExternal', { requestingUrl: OWN }],
    ['hid', 'hid', { requestingUrl: OWN }],
    ['serial', 'serial', { requestingUrl: OWN }],
    ['usb', 'usb', { requestingUrl: OWN }],
    ['pointerLock', 'pointerLock', { requestingUrl: OWN }],
    ['unknown', 'unknown', { requestingUrl: OWN }],
  ])('denies %s', (_why, permission, details) => {
    expect(isPermissionRequestAllowed(permission, details)).toBe(false);
  });

  test('the dev server only when passed as an extra origin', () => {
    const d = { requestingUrl: 'http://127.0.0.1:5173/', mediaTypes: ['audio'] };
    expect(isPermissionRequestAllowed('media', d)).toBe(false);
    expect(isPermissionRequestAllowed('media', d, ['http://127.0.0.1:5173'])).toBe(true);
  });
});

describe('isPermissionCheckAllowed', () => {
  test('media checks for our origin (as Chromium passes it, without a slash)', () => {
    expect(isPermissionCheckAllowed('media', 'app://kiosk', 'video')).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://kiosk', 'unknown')).toBe(true);
    expect(isPermissionCheckAllowed('media', 'app://kiosk/', undefined)).toBe(true);
  });
  test('everything else is denied', () => {
    expect(isPermissionCheckAllowed('media', 'https://evil.example', 'video')).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://kiosk.evil', 'audio')).toBe(false);
    expect(isPermissionCheckAllowed('media', '', 'audio')).toBe(false);
    expect(isPermissionCheckAllowed('clipboard-read', 'app://kiosk', undefined)).toBe(false);
    expect(isPermissionCheckAllowed('hid', 'app://kiosk', undefined)).toBe(false);
    expect(isPermissionCheckAllowed('media', 'app://kiosk', 'screen')).toBe(false);
  });
});
