import { describe, expect, it } from '@jest/globals';
import { REFERENCE_MEASURES } from '../../measures/domain/index.js';
import { checkFields, parseAnswers } from './check-form.js';

const nidi = REFERENCE_MEASURES.find((m) => m.code === 'NIDI-GRATIS-PLUS-2024-25')!;

describe('checkFields', () => {
  it('asks only what the rules read, typed from the form schema', () => {
    const fields = checkFields(nidi, 'it');
    expect(fields.map((f) => [f.name, f.kind])).toEqual([
      ['applicantRelationship', 'choice'],
      ['childEnrolledInAdmittedNursery', 'boolean'],
      ['iseeType', 'choice'],
      ['iseeValue', 'text'],
      ['iseeHasOmissionsOrDiscrepancies', 'boolean'],
      ['childBirthDate', 'date'],
      ['hasSiblingUnder10', 'boolean'],
      ['monthlyFeeCents', 'euro'],
    ]);
    // Money is typed in euro: the schema's cents note is not shown.
    expect(fields.find((f) => f.name === 'monthlyFeeCents')!.label).toBe(
      'Retta mensile esclusi pasti e servizi aggiuntivi',
    );
    expect(checkFields(nidi, 'en').find((f) => f.name === 'monthlyFeeCents')).toMatchObject({
      label: 'Monthly fee excluding meals and extra services',
      labelLang: 'en',
    });
  });

  it('never asks who submits (the system knows) for a measure an office files', () => {
    const aler = REFERENCE_MEASURES.find((m) => m.code === 'ALER-VIOLENZA')!;
    expect(checkFields(aler, 'it').map((f) => f.name)).not.toContain('submitterRole');
  });

  it('maps derived facts back to the field they come from', () => {
    const b1 = REFERENCE_MEASURES.find((m) => m.code.startsWith('B1-'))!;
    const names = checkFields(b1, 'it').map((f) => f.name);
    expect(names).toContain('residenceIstatCode');
    expect(names).not.toContain('residentInLombardy');
  });
});

describe('parseAnswers', () => {
  const fields = checkFields(nidi, 'it');
  it('converts booleans, euros to cents, dates; leaves empty answers out', () => {
    const { facts, errors } = parseAnswers(fields, {
      childEnrolledInAdmittedNursery: 'true',
      hasSiblingUnder10: 'false',
      monthlyFeeCents: '450,50',
      childBirthDate: '2024-02-01',
      applicantRelationship: 'parent',
      iseeValue: '',
    });
    expect(errors).toEqual({});
    expect(facts).toEqual({
      childEnrolledInAdmittedNursery: true,
      hasSiblingUnder10: false,
      monthlyFeeCents: 45_050,
      childBirthDate: '2024-02-01',
      applicantRelationship: 'parent',
    });
  });

  it('names each unusable answer', () => {
    const { errors } = parseAnswers(fields, {
      monthlyFeeCents: 'tanto',
      childBirthDate: '1/2/2024',
      applicantRelationship: 'cousin',
      hasSiblingUnder10: 'maybe',
    });
    expect(errors).toEqual({
      monthlyFeeCents: 'invalidEuro',
      childBirthDate: 'invalidDate',
      applicantRelationship: 'invalidChoice',
      hasSiblingUnder10: 'invalidChoice',
    });
  });
});
