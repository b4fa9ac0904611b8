import { describe, expect, it } from '@jest/globals';

import { deriveFacts, derivableFacts } from './derive-facts.js';
import { BRESCIA, MILANO, TORINO, contextOn } from './test-support.js';

const context = contextOn('2025-03-14');

describe('deriveFacts', () => {
  it('adds the application date and an age for every "...BirthDate"', () => {
    const { facts, issues } = deriveFacts(
      { beneficiaryBirthDate: '1998-03-15', childBirthDate: '2024-02-29' },
      context,
    );
    expect(facts).toMatchObject({ applicationDate: '2025-03-14', beneficiaryAgeYears: 26, childAgeYears: 1 });
    expect(issues).toEqual([]);
  });

  it('resolves residence to ATS and Ambito, and says when it is outside Lombardy', () => {
    expect(deriveFacts({ residenceIstatCode: BRESCIA }, context).facts).toMatchObject({
      residentInLombardy: true,
      residenceAtsCode: '326',
      residenceAmbitoCode: 'AMB-326-BRESCIA',
    });
    const outside = deriveFacts({ residenceIstatCode: TORINO }, context).facts;
    expect(outside['residentInLombardy']).toBe(false);
    expect(outside).not.toHaveProperty('residenceAtsCode');
    expect(deriveFacts({ residenceIstatCode: MILANO }, context).facts).not.toHaveProperty('residenceAmbitoCode');
  });

  it('normalises ISEE type and value to an attestation type and cents', () => {
    const { facts } = deriveFacts({ iseeType: 'ISEE Socio-sanitario', iseeValue: '20.000,01' }, context);
    expect(facts).toMatchObject({ iseeType: 'sociosanitario', iseeValueCents: 2_000_001 });
    expect(deriveFacts({ iseeType: 'minorenni', iseeValue: 18_000 }, context).facts['iseeValueCents']).toBe(1_800_000);
  });

  it('reports unusable values and leaves the derived fact missing', () => {
    const { facts, issues } = deriveFacts(
      {
        beneficiaryBirthDate: '2023-02-29',
        childBirthDate: '2025-03-15',
        residenceIstatCode: '15146',
        iseeType: 'isee-università',
        iseeValue: '20,000.00',
        nested: { a: 1 },
        empty: null,
      },
      context,
    );
    expect(issues).toEqual([
      { fact: 'nested', code: 'unsupported_value' },
      { fact: 'beneficiaryBirthDate', code: 'invalid_date' },
      { fact: 'childBirthDate', code: 'birth_after_application' },
      { fact: 'residenceIstatCode', code: 'invalid_istat_code' },
      { fact: 'iseeType', code: 'unknown_isee_type' },
      { fact: 'iseeValue', code: 'invalid_isee_value' },
    ]);
    for (const derived of [
      'beneficiaryAgeYears',
      'childAgeYears',
      'residentInLombardy',
      'iseeType',
      'iseeValueCents',
      'empty',
    ]) {
      expect(facts).not.toHaveProperty(derived);
    }
  });

  it('ignores submitted values for derived names: nobody declares their own residence', () => {
    const { facts, issues } = deriveFacts(
      { residentInLombardy: true, beneficiaryAgeYears: 20, iseeValueCents: 1 },
      context,
    );
    expect(facts).toEqual({ applicationDate: '2025-03-14' });
    expect(issues.map((issue) => issue.code)).toEqual(['reserved_fact', 'reserved_fact', 'reserved_fact']);
  });

  it('rejects a context without a valid application date: that is a caller bug', () => {
    expect(() => deriveFacts({}, contextOn('14/03/2025'))).toThrow(RangeError);
  });

  it('lists what it can derive from a form, for publish-time checks', () => {
    expect(derivableFacts(['childBirthDate', 'residenceIstatCode', 'iseeValue'])).toEqual([
      'applicationDate',
      'childAgeYears',
      'residentInLombardy',
      'residenceAtsCode',
      'residenceAmbitoCode',
      'iseeValueCents',
    ]);
  });
});
