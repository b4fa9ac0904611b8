import { describe, expect, it } from '@jest/globals';
import { loadWebConfig } from './web-config.js';

describe('loadWebConfig', () => {
  it('defaults: Regione Lombardia, 30 idle minutes, 12 hours, cookies not Secure', () => {
    expect({ ...loadWebConfig({}) }).toEqual({
      theme: 'lombardia',
      bodyName: 'Regione Lombardia',
      idleMinutes: 30,
      maxHours: 12,
      secureCookies: false,
    });
  });
  it('another body runs its own theme and name', () => {
    const c = loadWebConfig({
      PORTAL_THEME: 'italia',
      PORTAL_BODY_NAME: 'Comune di Esempio',
      WEB_COOKIE_SECURE: 'true',
    });
    expect([c.theme, c.bodyName, c.secureCookies]).toEqual(['italia', 'Comune di Esempio', true]);
  });
  it('a malformed value names its variable', () => {
    expect(() => loadWebConfig({ PORTAL_THEME: 'pink' })).toThrow(/PORTAL_THEME/);
    expect(() => loadWebConfig({ WEB_SESSION_IDLE_MINUTES: 'ten' })).toThrow(/WEB_SESSION_IDLE_MINUTES/);
    expect(() => loadWebConfig({ WEB_COOKIE_SECURE: 'yes' })).toThrow(/WEB_COOKIE_SECURE/);
  });
});
