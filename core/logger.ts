/**
 * One scoped logger per module. Logs never carry personal data: callers pass ids, not names
 * or mobiles, and redact() strips anything that looks like a mainland mobile or a secret.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const threshold = (): number => ORDER[(process.env.KIOSK_LOG_LEVEL as Level) ?? 'info'] ?? 1;

export type LogSink = (line: string) => void;
let sink: LogSink = (line) => process.stderr.write(line + '\n');
export const setLogSink = (s: LogSink): void => {
  sink = s;
};

export function redact(text: string): string {
  return text
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, '1**********')
    .replace(/\b[0-9a-f]{32,}\b/gi, '[hex]')
    .replace(/(pin|key|secret|token|password)(["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1$2[redacted]');
}

export function createLogger(scope: string) {
  const write = (level: Level, msg: string, err?: unknown) => {
    if (ORDER[level] < threshold()) return;
    const detail = err instanceof Error ? ` — ${err.name}: ${err.message}` : err !== undefined ? ` — ${String(err)}` : '';
    sink(redact(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${msg}${detail}`));
  };
  return {
    debug: (m: string) => write('debug', m),
    info: (m: string) => write('info', m),
    warn: (m: string, e?: unknown) => write('warn', m, e),
    error: (m: string, e?: unknown) => write('error', m, e),
  };
}
export type Logger = ReturnType<typeof createLogger>;
