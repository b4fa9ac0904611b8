const LEVELS: Record<number, string> = { 40: 'warning', 50: 'error', 60: 'fatal' };
const MAX_LENGTH = 240;

function errorText(err: unknown): string | null {
  if (typeof err === 'string') return err;
  if (err && typeof err === 'object') {
    const e = err as { type?: unknown; message?: unknown };
    if (typeof e.message === 'string') {
      return typeof e.type === 'string' && e.type !== 'Error' ? `${e.type}: ${e.message}` : e.message;
    }
  }
  return null;
}

/**
 * One pino JSON line of a child process as the demo's console shows it: warnings and errors in
 * one short human line (`worker warning OutboxRelay: relay tick failed (connect ECONNREFUSED …)`),
 * nothing for lower levels or for lines that are not pino JSON (those stay in the log file).
 */
export function consoleLineOf(child: string, line: string): string | null {
  if (!line.startsWith('{')) return null;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const level = typeof entry.level === 'number' ? entry.level : 0;
  if (level < 40) return null;
  const context = typeof entry.context === 'string' ? `${entry.context}: ` : '';
  const msg = typeof entry.msg === 'string' ? entry.msg : '';
  const err = errorText(entry.err);
  const text =
    `${child} ${LEVELS[Math.min(60, Math.floor(level / 10) * 10)]} ${context}${msg}${err && err !== msg ? ` (${err})` : ''}`
      .replace(/\s+/g, ' ')
      .trim();
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
