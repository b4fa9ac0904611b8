import { describe, expect, it } from '@jest/globals';

import { newAjv } from '../../definition-validator.js';
import { REFERENCE_MEASURES } from './index.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

// The submission's ajv: strict draft 2020-12 with formats and the x-en annotation.
const ajv = newAjv();

function validator(code: string) {
  const definition = REFERENCE_MEASURES.find((candidate) => candidate.code === code);
  if (!definition) throw new Error(`No measure ${code}`);
  return ajv.compile(definition.formSchema);
}

describe('reference application forms', () => {
  it.each(REFERENCE_MEASURES.map((definition) => definition.code))(
    '%s: a strict draft 2020-12 schema accepting its sample',
    (code) => {
      const validate = validator(code);
      expect(validate(SAMPLE_APPLICATIONS[code])).toBe(true);
      expect(validate.errors ?? null).toBeNull();
    },
  );

  it.each(REFERENCE_MEASURES.map((definition) => [definition.code, definition] as const))(
    '%s: every field has an English title, and an English description beside an Italian one',
    (_code, definition) => {
      const missing: string[] = [];
      const visit = (node: Record<string, unknown>, path: string) => {
        const properties = (node.properties ?? {}) as Record<string, Record<string, unknown>>;
        for (const [key, p] of Object.entries(properties)) {
          const en = p['x-en'] as { title?: string; description?: string } | undefined;
          if (!en?.title || (p.description !== undefined && !en.description)) missing.push(`${path}${key}`);
          visit(p, `${path}${key}.`);
        }
      };
      visit(definition.formSchema, '');
      expect(missing).toEqual([]);
    },
  );

  it('rejects malformed values and unknown fields', () => {
    const validate = validator('ORFANI-FEMMINICIDIO');
    const sample = SAMPLE_APPLICATIONS['ORFANI-FEMMINICIDIO'];
    expect(validate({ ...sample, beneficiaryBirthDate: '2023-02-30' })).toBe(false);
    expect(validate({ ...sample, iban: 'IT00' })).toBe(false);
    expect(validate({ ...sample, residentInLombardy: true })).toBe(false);
  });

  it('requires conditional fields only when their section applies', () => {
    const orphans = validator('ORFANI-FEMMINICIDIO');
    const orphan = SAMPLE_APPLICATIONS['ORFANI-FEMMINICIDIO'];
    expect(orphans({ ...orphan, applicantRole: 'parent' })).toBe(false);
    expect(orphans({ ...orphan, applicantRole: 'parent', parentIsPerpetratorSuspectOrDefendant: false })).toBe(true);

    const b1 = validator('B1-FNA-2025');
    const person = SAMPLE_APPLICATIONS['B1-FNA-2025'];
    expect(b1({ ...person, clinicalCondition: 'coma' })).toBe(false);
    expect(b1({ ...person, clinicalCondition: 'coma', glasgowComaScale: 9 })).toBe(true);
    expect(b1({ ...person, clinicalCondition: 'motor_impairment', motorScale: 'edss' })).toBe(false);
    expect(b1({ ...person, clinicalCondition: 'motor_impairment', motorScale: 'edss', edssScore: 9.5 })).toBe(true);

    const aler = validator('ALER-VIOLENZA');
    const referral = SAMPLE_APPLICATIONS['ALER-VIOLENZA'];
    expect(aler({ ...referral, cavStatus: 'ended' })).toBe(false);
    expect(aler({ ...referral, cavStatus: 'ended', cavEndDate: '2025-01-31' })).toBe(true);
  });

  it('accepts the ISEE value as printed on the attestation', () => {
    const validate = validator('NIDI-GRATIS-PLUS-2024-25');
    const sample = SAMPLE_APPLICATIONS['NIDI-GRATIS-PLUS-2024-25'];
    for (const iseeValue of ['25.000,00', '25000,00', '25000.00', '25000']) {
      expect(validate({ ...sample, iseeValue })).toBe(true);
    }
    expect(validate({ ...sample, iseeValue: '25,000.00' })).toBe(false);
  });
});
