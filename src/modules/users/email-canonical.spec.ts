import { describe, expect, it } from '@jest/globals';
import { canonicalEmail } from './email-canonical.js';

describe('canonicalEmail', () => {
  it('folds ASCII case and compatibility forms', () => {
    expect(canonicalEmail('Maria.Rossi@Example.ORG')).toBe('maria.rossi@example.org');
    expect(canonicalEmail('\u212Aarl@example.org')).toBe('karl@example.org'); // KELVIN SIGN
    expect(canonicalEmail('\uFF21nna@example.org')).toBe('anna@example.org'); // FULLWIDTH A
    expect(canonicalEmail('\uFB01lippo@example.org')).toBe('filippo@example.org'); // LIGATURE FI
  });

  it('leaves non-ASCII letters as they are, so İ never becomes i', () => {
    expect(canonicalEmail('\u0130lenia@example.org')).toBe('\u0130lenia@example.org');
    expect(canonicalEmail('I\u0307lenia@example.org')).toBe('\u0130lenia@example.org'); // composed by NFKC
    expect(canonicalEmail('i\u0307lenia@example.org')).not.toBe('ilenia@example.org');
  });
});
