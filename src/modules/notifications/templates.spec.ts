import { describe, expect, it } from '@jest/globals';
import { APP_IO_LIMITS, NOTIFICATION_EVENTS, renderNotification } from './templates.js';

const title = 'Reddito di libertà per le donne vittime di violenza';

describe('notification templates', () => {
  it.each(NOTIFICATION_EVENTS.flatMap((e) => (['it', 'en'] as const).map((l) => [e, l] as const)))(
    '%s/%s fits App IO limits',
    (event, lang) => {
      for (const sealed of [false, true]) {
        const m = renderNotification(event, lang, sealed, {
          protocolNumber: 'RL-2026-0000001',
          measureTitle: 'x'.repeat(300),
          days: 10,
        });
        expect(m.subject.length).toBeGreaterThanOrEqual(APP_IO_LIMITS.subject[0]);
        expect(m.subject.length).toBeLessThanOrEqual(APP_IO_LIMITS.subject[1]);
        expect(m.markdown.length).toBeGreaterThanOrEqual(APP_IO_LIMITS.markdown[0]);
        expect(m.markdown.length).toBeLessThanOrEqual(APP_IO_LIMITS.markdown[1]);
      }
    },
  );

  it('sealed cases are neutral in subject, preview and body, whatever the measure title', () => {
    for (const event of NOTIFICATION_EVENTS) {
      for (const lang of ['it', 'en'] as const) {
        const m = renderNotification(event, lang, true, {
          protocolNumber: 'RL-2026-0000001',
          measureTitle: title,
          days: 3,
        });
        const all = `${m.subject}\n${m.preview}\n${m.markdown}`;
        expect(all).not.toMatch(/violen|libert|donn|women/i);
        expect(all).toContain('RL-2026-0000001');
      }
    }
  });

  it('names the measure in the recipient language otherwise', () => {
    expect(
      renderNotification('receipt', 'it', false, { protocolNumber: 'P1', measureTitle: 'Dote scuola' }).subject,
    ).toBe('Domanda ricevuta: Dote scuola');
    expect(
      renderNotification('receipt', 'en', false, { protocolNumber: 'P1', measureTitle: 'School grant' }).subject,
    ).toBe('Application received: School grant');
  });
});
