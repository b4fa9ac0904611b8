import { describe, expect, it } from '@jest/globals';

import { isIncompatibleWith } from './incompatibility.js';
import type { MeasureDefinition } from './measure-definition.js';
import {
  B1_FNA_2025,
  B2_FNA_2025_SEREGNO,
  ORFANI_FEMMINICIDIO,
  REFERENCE_MEASURES,
} from './reference-measures/index.js';
import { requiredDocumentsFor } from './required-documents.js';
import { contextOn } from './test-support.js';
import { formFieldsOf, validateDefinition } from './validate-definition.js';

describe('validateDefinition', () => {
  it.each(REFERENCE_MEASURES.map((definition) => [definition.code, definition] as const))(
    '%s is publishable',
    (_, definition) => {
      expect(validateDefinition(definition)).toEqual([]);
    },
  );

  it('finds what an administrator could get wrong in JSON', () => {
    const broken = {
      ...B2_FNA_2025_SEREGNO,
      procedure: { type: 'graduatoria', deadlineDays: 365 },
      eligibility: [
        ...B2_FNA_2025_SEREGNO.eligibility,
        { ...B2_FNA_2025_SEREGNO.eligibility[0], expression: { '<=': [{ var: 'iseeValore' }, 1] } },
      ],
      ranking: null,
      incompatibilities: [{ ...B2_FNA_2025_SEREGNO.incompatibilities[0], measureCodes: ['B2-FNA-2025-SEREGNO'] }],
      benefit: {
        type: 'one_off',
        amount: {
          op: 'capByIseeBand',
          of: { op: 'percent', basisPoints: 12_000, of: { op: 'constant', cents: 1.5, label: { it: 'a', en: 'a' } } },
          bands: [
            { maxIseeCents: 2_500_000, capCents: 1 },
            { maxIseeCents: 2_000_000, capCents: 1 },
          ],
        },
      },
    } as unknown as MeasureDefinition;
    expect(validateDefinition(broken).map((problem) => `${problem.path}: ${problem.message}`)).toEqual([
      'procedure.deadlineDays: whole days between 1 and 180',
      'eligibility[3].id: duplicate rule id "severe-disability"',
      'eligibility[3].expression: unknown fact "iseeValore"',
      'benefit.amount.bands[1]: ISEE bounds in whole cents, strictly ascending',
      'benefit.amount.of.basisPoints: 0 to 10000',
      'benefit.amount.of.of.cents: non-negative whole cents',
      'ranking: required for graduatoria, null otherwise',
      'incompatibilities[0].measureCodes[0]: a measure cannot exclude itself',
    ]);
  });

  it('checks codes', () => {
    const badCodes = {
      ...B1_FNA_2025,
      code: 'b1 2025',
      incompatibilities: [{ ...B1_FNA_2025.incompatibilities[0], measureCodes: ['B2*'] }],
    };
    expect(validateDefinition(badCodes as MeasureDefinition)).toEqual([
      { path: 'code', message: 'uppercase words joined by "-"' },
      { path: 'incompatibilities[0].measureCodes[0]', message: 'a measure code, or a prefix ending in "-*"' },
    ]);
  });

  it('collects form fields declared in conditional branches too', () => {
    expect(formFieldsOf(ORFANI_FEMMINICIDIO.formSchema)).toContain('parentIsPerpetratorSuspectOrDefendant');
    expect(formFieldsOf({ allOf: [{ then: { properties: { late: {} } } }] })).toEqual(['late']);
  });
});

describe('incompatibilities and documents', () => {
  it('matches exact codes and "-*" prefixes', () => {
    expect(isIncompatibleWith(B1_FNA_2025, 'B2-FNA-2025-SEREGNO')).toBe(true);
    expect(isIncompatibleWith(B1_FNA_2025, 'B2-FNA-2026-SEREGNO')).toBe(false);
    expect(isIncompatibleWith(B2_FNA_2025_SEREGNO, 'B1-FNA-2025')).toBe(true);
    expect(isIncompatibleWith(ORFANI_FEMMINICIDIO, 'B1-FNA-2025')).toBe(false);
  });

  it('asks for conditional documents when their condition holds or is still unknown', () => {
    const context = contextOn('2025-03-14');
    const ids = (facts: Record<string, unknown>): string[] =>
      requiredDocumentsFor(ORFANI_FEMMINICIDIO, facts, context).map((document) => document.id);
    expect(ids({ applicantRole: 'beneficiary' })).toEqual(['judicial-document']);
    expect(ids({ applicantRole: 'guardian' })).toEqual(['judicial-document', 'guardianship-decree']);
    expect(ids({})).toEqual(['judicial-document', 'guardianship-decree']);
  });
});
