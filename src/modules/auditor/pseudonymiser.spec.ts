import { describe, expect, it } from '@jest/globals';
import { Pseudonymiser } from './pseudonymiser.js';

describe('Pseudonymiser', () => {
  const p = new Pseudonymiser('k1');
  it('is stable, keyed and case-insensitive', () => {
    expect(p.pseudonym('RSSMRA80A01F205X')).toBe(p.pseudonym('rssmra80a01f205x '));
    expect(p.pseudonym('RSSMRA80A01F205X')).not.toBe(new Pseudonymiser('k2').pseudonym('RSSMRA80A01F205X'));
    expect(p.pseudonym('x')).toMatch(/^psn_[0-9a-f]{20}$/);
  });
  it('derives per-purpose pseudonymisers whose pseudonyms do not match the parent or each other', () => {
    const cf = 'RSSMRA80A01F205X';
    const y2026 = p.derive('transparency-art26:2026', 'pub');
    expect(y2026.pseudonym(cf)).toMatch(/^pub_[0-9a-f]{20}$/);
    expect(y2026.pseudonym(cf)).toBe(p.derive('transparency-art26:2026', 'pub').pseudonym(cf));
    expect(y2026.pseudonym(cf).slice(4)).not.toBe(p.pseudonym(cf).slice(4));
    expect(y2026.pseudonym(cf)).not.toBe(p.derive('transparency-art26:2027', 'pub').pseudonym(cf));
  });
  it('replaces fiscal codes, IBANs, names and free text; keeps codes, dates, numbers, booleans', () => {
    const out = p.redact({
      beneficiaryFiscalCode: 'RSSMRA80A01F205X',
      other: 'RSSMRA80A01F205X',
      iban: 'IT60X0542811101000000123456',
      firstName: 'Mario',
      guardianshipAct: 'Tribunale di Milano, decreto n. 123/2024',
      residenceIstatCode: '015146',
      birthDate: '2012-05-01',
      applicantRole: 'guardian',
      iseeValueCents: 1200000,
      flag: true,
      nested: [{ address: 'Via Roma 1' }],
    });
    expect(out.beneficiaryFiscalCode).toBe(p.pseudonym('RSSMRA80A01F205X'));
    expect(out.other).toBe(out.beneficiaryFiscalCode);
    for (const v of [out.iban, out.firstName, out.guardianshipAct, out.nested[0].address]) expect(v).toMatch(/^psn_/);
    expect(out).toMatchObject({
      residenceIstatCode: '015146',
      birthDate: '2012-05-01',
      applicantRole: 'guardian',
      iseeValueCents: 1200000,
      flag: true,
    });
  });
});
