import { THEMES, type ThemeName } from './layout/themes.js';

/**
 * The portal's own settings, read from the environment like AppConfig (see .env.example). A
 * malformed value stops the process naming the variable, never a silent default.
 */
export class WebConfig {
  /** Colour theme of the body running the portal. */
  readonly theme: ThemeName;
  /** Name in the slim header and the page titles ("Regione Lombardia"). */
  readonly bodyName: string;
  /** Minutes without a request after which a browser session ends. */
  readonly idleMinutes: number;
  /** Hours after which a session ends however active (a new login is asked). */
  readonly maxHours: number;
  /** Secure cookies (`__Host-` prefix): on whenever the portal is served over TLS. */
  readonly secureCookies: boolean;

  constructor(values: Pick<WebConfig, 'theme' | 'bodyName' | 'idleMinutes' | 'maxHours' | 'secureCookies'>) {
    Object.assign(this, values);
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

export function loadWebConfig(env: NodeJS.ProcessEnv): WebConfig {
  const theme = env.PORTAL_THEME || 'lombardia';
  if (!(theme in THEMES)) {
    throw new Error(`PORTAL_THEME must be one of ${Object.keys(THEMES).join(', ')}, got "${theme}"`);
  }
  const secure = env.WEB_COOKIE_SECURE || 'false';
  if (secure !== 'true' && secure !== 'false') {
    throw new Error(`WEB_COOKIE_SECURE must be true or false, got "${secure}"`);
  }
  const bodyName = (env.PORTAL_BODY_NAME || THEMES[theme as ThemeName].bodyName).trim();
  if (bodyName.length === 0 || bodyName.length > 80) throw new Error('PORTAL_BODY_NAME must be 1 to 80 characters');
  return new WebConfig({
    theme: theme as ThemeName,
    bodyName,
    idleMinutes: integer(env, 'WEB_SESSION_IDLE_MINUTES', 30, 2, 240),
    maxHours: integer(env, 'WEB_SESSION_MAX_HOURS', 12, 1, 24),
    secureCookies: secure === 'true',
  });
}
