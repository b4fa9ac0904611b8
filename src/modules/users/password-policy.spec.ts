import { describe, expect, it } from '@jest/globals';
import commonPasswords from './data/common-passwords.json' with { type: 'json' };
import { passwordProblem } from './password-policy.js';

describe('password policy', () => {
  it('ships at least the 10,000 most common passwords, with their source', () => {
    expect(commonPasswords.passwords.length).toBeGreaterThanOrEqual(10_000);
    expect(commonPasswords.source.package).toMatch(/^@zxcvbn-ts\/language-common@\d+\.\d+\.\d+/);
  });

  it('refuses short passwords, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('corto-11chr')).toMatch(/at least 12/);
    expect(passwordProblem('😀'.repeat(11))).toMatch(/at least 12/);
    expect(passwordProblem('😀'.repeat(12))).toBeNull();
  });

  it('refuses what the login form could not take (more than 128 UTF-16 units)', () => {
    expect(passwordProblem('a'.repeat(128))).toBeNull();
    expect(passwordProblem('😀'.repeat(65))).toMatch(/at most 128/);
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('qwerty123456')).toMatch(/common/);
    expect(passwordProblem('QWERTY123456')).toMatch(/common/);
    expect(passwordProblem('1qaz2wsx3EDC')).toMatch(/common/);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('cavallo batteria graffetta')).toBeNull();
  });
});
