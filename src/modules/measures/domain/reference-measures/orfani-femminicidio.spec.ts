import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { deriveFacts } from '../derive-facts.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { TORINO, contextOn, ruleOf } from '../test-support.js';
import { ORFANI_FEMMINICIDIO } from './orfani-femminicidio.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const adultOrphan = SAMPLE_APPLICATIONS['ORFANI-FEMMINICIDIO'] as Record<string, unknown>;
const minorOrphan = { ...adultOrphan, beneficiaryBirthDate: '2012-05-04' };

function evaluate(facts: Record<string, unknown>, applicationDate = '2025-03-14') {
  return evaluateEligibility(ORFANI_FEMMINICIDIO, facts, contextOn(applicationDate));
}

/** L. 4/2018 art. 1, written here from the law, not read from the definition under test. */
const PARTNERS_IN_LAW_4_2018 = [
  'spouse',
  'separated_or_divorced_spouse',
  'civil_partner',
  'former_civil_partner',
  'cohabiting_partner',
  'former_cohabiting_partner',
];

describe('ORFANI-FEMMINICIDIO', () => {
  it('passes every requirement and leaves the court documents to a person', () => {
    const result = evaluate(adultOrphan);
    expect(result.outcome).toBe('needs_review');
    expect(result.rules.map((rule) => [rule.id, rule.result])).toEqual([
      ['applicant-role', 'pass'],
      ['parent-not-involved', 'pass'],
      ['resident-in-lombardy', 'pass'],
      ['age-limit', 'pass'],
      ['crime-date', 'pass'],
      ['perpetrator-relationship', 'review'],
      ['judicial-attestation', 'review'],
    ]);
  });

  it('accepts 26 years and 364 days, not 27 years', () => {
    expect(ruleOf(evaluate(adultOrphan, '2025-03-14'), 'age-limit')).toMatchObject({
      inputs: { beneficiaryAgeYears: 26 },
      result: 'pass',
    });
    const tooOld = evaluate(adultOrphan, '2025-03-15');
    expect(tooOld.outcome).toBe('not_eligible');
    expect(ruleOf(tooOld, 'age-limit')).toMatchObject({ inputs: { beneficiaryAgeYears: 27 }, result: 'fail' });
  });

  it('turns 27 on 28 February when born on 29 February', () => {
    const leapling = { ...adultOrphan, beneficiaryBirthDate: '2000-02-29' };
    expect(ruleOf(evaluate(leapling, '2027-02-27'), 'age-limit').result).toBe('pass');
    expect(ruleOf(evaluate(leapling, '2027-02-28'), 'age-limit').result).toBe('fail');
  });

  it('covers crimes from 1 January 2010', () => {
    expect(ruleOf(evaluate({ ...adultOrphan, crimeDate: '2009-12-31' }), 'crime-date')).toMatchObject({
      inputs: { crimeDate: '2009-12-31' },
      result: 'fail',
    });
    expect(ruleOf(evaluate({ ...adultOrphan, crimeDate: '2010-01-01' }), 'crime-date').result).toBe('pass');
  });

  it('rejects a parent who is the suspect, accepts one who is not', () => {
    const suspect = evaluate({ ...minorOrphan, applicantRole: 'parent', parentIsPerpetratorSuspectOrDefendant: true });
    expect(suspect.outcome).toBe('not_eligible');
    expect(ruleOf(suspect, 'parent-not-involved')).toMatchObject({
      inputs: { applicantRole: 'parent', parentIsPerpetratorSuspectOrDefendant: true },
      result: 'fail',
    });
    const parent = evaluate({ ...minorOrphan, applicantRole: 'parent', parentIsPerpetratorSuspectOrDefendant: false });
    expect(ruleOf(parent, 'parent-not-involved').result).toBe('pass');
    expect(ruleOf(parent, 'applicant-role').result).toBe('pass');
  });

  it('lets a guardian apply for a minor, but not a minor for themselves', () => {
    expect(ruleOf(evaluate({ ...minorOrphan, applicantRole: 'guardian' }), 'applicant-role').result).toBe('pass');
    expect(ruleOf(evaluate(minorOrphan), 'applicant-role')).toMatchObject({
      inputs: { applicantRole: 'beneficiary', beneficiaryAgeYears: 12 },
      result: 'fail',
    });
    expect(ruleOf(evaluate({ ...adultOrphan, applicantRole: 'guardian' }), 'applicant-role').result).toBe('fail');
  });

  it('requires residence in Lombardy', () => {
    expect(ruleOf(evaluate({ ...adultOrphan, residenceIstatCode: TORINO }), 'resident-in-lombardy')).toMatchObject({
      inputs: { residentInLombardy: false },
      result: 'fail',
    });
  });

  it.each(PARTNERS_IN_LAW_4_2018)(
    'keeps a perpetrator who is or was the victim’s partner (%s) for the office to verify (L. 4/2018 art. 1)',
    (relationship) => {
      const result = evaluate({ ...adultOrphan, perpetratorRelationship: relationship });
      expect(ruleOf(result, 'perpetrator-relationship').result).toBe('review');
      expect(result.outcome).toBe('needs_review');
    },
  );

  it('offers every relationship of the definition in the form, and "other" last', () => {
    const field = (ORFANI_FEMMINICIDIO.formSchema as { properties: Record<string, { enum: string[] }> }).properties
      .perpetratorRelationship;
    expect(field.enum).toEqual([...PARTNERS_IN_LAW_4_2018, 'other']);
    const rule = ORFANI_FEMMINICIDIO.eligibility.find((r) => r.id === 'perpetrator-relationship')!;
    expect(rule.text.it).toContain('anche legalmente separato o divorziato');
    expect(rule.text.it).toContain('anche se l’unione è cessata');
  });

  it('fails the review rules when the declarations already exclude the case', () => {
    expect(
      ruleOf(evaluate({ ...adultOrphan, perpetratorRelationship: 'other' }), 'perpetrator-relationship').result,
    ).toBe('fail');
    expect(ruleOf(evaluate({ ...adultOrphan, judicialAttestation: 'none' }), 'judicial-attestation').result).toBe(
      'fail',
    );
  });

  it('asks for a missing parent declaration instead of deciding', () => {
    const result = evaluate({ ...minorOrphan, applicantRole: 'parent' });
    expect(result.outcome).toBe('needs_review');
    expect(ruleOf(result, 'parent-not-involved')).toMatchObject({
      result: 'review',
      missing: ['parentIsPerpetratorSuspectOrDefendant'],
    });
  });

  it('grants 5,000 EUR once', () => {
    const facts = deriveFacts(adultOrphan, contextOn('2025-03-14')).facts;
    expect(computeBenefit(ORFANI_FEMMINICIDIO, facts)).toEqual({
      amountCents: 500_000,
      explanation: {
        it: 'Contributo una tantum: importo fisso per orfano 5.000,00 €.',
        en: 'One-off grant: fixed amount per orphan €5,000.00.',
      },
    });
  });
});
