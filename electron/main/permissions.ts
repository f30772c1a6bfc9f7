import { isInternalUrl } from './isInternalUrl.js';

/** Details Electron passes to the permission request handler (only what we look at). */
export type PermissionRequestDetails = { requestingUrl?: string; mediaTypes?: readonly string[]; isMainFrame?: boolean };

const ALLOWED_MEDIA = new Set(['audio', 'video']);

/**
 * Permission requests: only camera/microphone ('media'), only for the kiosk's own origin, only from
 * the top frame, and never screen capture. Everything else (geolocation, notifications, clipboard,
 * HID/serial/USB, fullscreen by the page …) is denied.
 */
export function isPermissionRequestAllowed(permission: string, details: PermissionRequestDetails, extraOrigins: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  if (details.isMainFrame === false) return false;
  if (!isInternalUrl(details.requestingUrl, extraOrigins)) return false;
  const types = details.mediaTypes ?? [];
  return types.every((t) => ALLOWED_MEDIA.has(t));
}

/**
 * Permission checks (synchronous "may I?" queries such as device enumeration): 'media' for our own
 * origin, with a media type that is audio or video (Chromium sends 'unknown' for enumeration).
 */
export function isPermissionCheckAllowed(permission: string, requestingOrigin: string, mediaType: string | undefined, extraOrigins: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  // Chromium passes an origin without a trailing slash; isInternalUrl wants a URL.
  if (!isInternalUrl(requestingOrigin.endsWith('/') ? requestingOrigin : `${requestingOrigin}/`, extraOrigins)) return false;
  return mediaType === undefined || mediaType === 'audio' || mediaType === 'video' || mediaType === 'unknown';
}
