import { describe, expect, it } from '@jest/globals';
import { pendingRefusal } from './pending-step.js';

describe('pendingRefusal', () => {
  it('refuses every page to an account with a temporary password', () => {
    expect(pendingRefusal({ passwordChangeRequired: true, emailVerified: true }, 'GET')).toBe('passwordChange');
    expect(pendingRefusal({ passwordChangeRequired: true, emailVerified: false }, 'POST')).toBe('passwordChange');
  });
  it('refuses writes, not reads, to an unverified address', () => {
    expect(pendingRefusal({ passwordChangeRequired: false, emailVerified: false }, 'POST')).toBe('emailVerification');
    expect(pendingRefusal({ passwordChangeRequired: false, emailVerified: false }, 'GET')).toBeNull();
  });
  it('lets a verified account through', () => {
    expect(pendingRefusal({ passwordChangeRequired: false, emailVerified: true }, 'POST')).toBeNull();
  });
});
