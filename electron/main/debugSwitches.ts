/**
 * Command-line switches that would hand a local attacker a debugger in the packaged app. The
 * Node ones are also turned off by Electron fuses (electron-builder.yml electronFuses); Chromium's
 * remote-debugging and sandbox-weakening switches are not covered by any fuse, so main refuses to
 * start with them.
 */
const DEBUG_SWITCH =
  /^--(inspect(-brk|-port|-publish-uid)?|remote-debugging-(port|pipe|address)|remote-allow-origins|js-flags|no-sandbox|disable-web-security|disable-site-isolation-trials|load-extension|proxy-server|host-rules|host-resolver-rules)(=|$)/;

export function findDebugSwitches(argv: readonly string[]): string[] {
  return argv.filter((a) => DEBUG_SWITCH.test(a));
}
