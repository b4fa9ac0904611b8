import { describe, expect, it } from '@jest/globals';
import { ALWAYS_DELIVERED, channelAllowed, DEFAULT_PREFERENCES } from './preferences-policy.js';
import { NOTIFICATION_EVENTS } from './templates.js';

describe('notification preferences', () => {
  const off = { email: false, appIo: false };

  it('legally required communications and account mails ignore the preferences', () => {
    for (const event of ['integration_request', 'pre_rejection_notice', 'decision_rejected', 'revocation'] as const) {
      expect(channelAllowed(event, 'email', off)).toBe(true);
      expect(channelAllowed(event, 'app_io', off)).toBe(true);
    }
    expect(channelAllowed('email_verification', 'email', off)).toBe(true);
  });

  it('the other messages follow each channel’s flag', () => {
    expect(channelAllowed('receipt', 'email', { email: false, appIo: true })).toBe(false);
    expect(channelAllowed('receipt', 'app_io', { email: false, appIo: true })).toBe(true);
    expect(channelAllowed('deadline_reminder', 'app_io', { email: true, appIo: false })).toBe(false);
    expect(channelAllowed('integration_lapsed', 'email', DEFAULT_PREFERENCES)).toBe(true);
  });

  it('every mandatory event is a known event, and some events stay optional', () => {
    for (const e of ALWAYS_DELIVERED) expect(NOTIFICATION_EVENTS).toContain(e);
    expect(NOTIFICATION_EVENTS.filter((e) => !ALWAYS_DELIVERED.includes(e)).sort()).toEqual(
      ['deadline_reminder', 'integration_lapsed', 'receipt'].sort(),
    );
  });
});
