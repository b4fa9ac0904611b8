import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { deriveFacts } from '../derive-facts.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { contextOn, ruleOf } from '../test-support.js';
import { BONUS_ASSISTENTI_FAMILIARI } from './bonus-assistenti-familiari.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const context = contextOn('2025-10-10');
const application = SAMPLE_APPLICATIONS['BONUS-ASSISTENTI-FAMILIARI'] as Record<string, unknown>;

function benefit(facts: Record<string, unknown>) {
  return computeBenefit(BONUS_ASSISTENTI_FAMILIARI, deriveFacts({ ...application, ...facts }, context).facts);
}

describe('BONUS-ASSISTENTI-FAMILIARI', () => {
  it('is eligible up to ISEE 35,000.00, not above', () => {
    expect(
      evaluateEligibility(BONUS_ASSISTENTI_FAMILIARI, { ...application, iseeValue: '35000.00' }, context).outcome,
    ).toBe('eligible');
    expect(
      evaluateEligibility(BONUS_ASSISTENTI_FAMILIARI, { ...application, iseeValue: '35000.01' }, context).outcome,
    ).toBe('not_eligible');
  });

  it('requires a registered carer and the contract holder as applicant', () => {
    const unregistered = evaluateEligibility(
      BONUS_ASSISTENTI_FAMILIARI,
      { ...application, carerInTerritorialRegister: false },
      context,
    );
    expect(ruleOf(unregistered, 'carer-registered').result).toBe('fail');
    const notHolder = evaluateEligibility(
      BONUS_ASSISTENTI_FAMILIARI,
      { ...application, applicantIsContractHolder: false },
      context,
    );
    expect(ruleOf(notHolder, 'contract-holder').result).toBe('fail');
  });

  it('pays 60 % capped at 2,400 EUR up to ISEE 25,000.00 and 2,000 EUR from 25,000.01', () => {
    expect(benefit({})).toEqual({
      amountCents: 240_000,
      explanation: {
        it: 'Contributo una tantum: 60% di spesa dichiarata 5.000,00 € = 3.000,00 €; ISEE 25.000,00 € nella fascia fino a 25.000,00 €, tetto 2.400,00 €: 2.400,00 €.',
        en: 'One-off grant: 60% of declared cost €5,000.00 = €3,000.00; ISEE €25,000.00 in the band up to €25,000.00, capped at €2,400.00: €2,400.00.',
      },
    });
    expect(benefit({ iseeValue: '25000.01' }).amountCents).toBe(200_000);
    expect(benefit({ declaredCostCents: 300_000 }).amountCents).toBe(180_000);
  });

  it('rounds 60 % half up to the cent', () => {
    expect(benefit({ declaredCostCents: 123_457 }).amountCents).toBe(74_074);
  });
});
