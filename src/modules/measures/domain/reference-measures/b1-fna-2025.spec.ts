import { describe, expect, it } from '@jest/globals';

import { computeBenefit } from '../compute-benefit.js';
import { deriveFacts } from '../derive-facts.js';
import { evaluateEligibility } from '../evaluate-eligibility.js';
import { contextOn, ruleOf } from '../test-support.js';
import { B1_FNA_2025 } from './b1-fna-2025.js';
import { SAMPLE_APPLICATIONS } from './sample-applications.js';

const context = contextOn('2025-03-01');
const adult = SAMPLE_APPLICATIONS['B1-FNA-2025'] as Record<string, unknown>;

function conditionRule(facts: Record<string, unknown>) {
  return ruleOf(evaluateEligibility(B1_FNA_2025, { ...adult, ...facts }, context), 'dm-2016-condition');
}

describe('B1-FNA-2025', () => {
  it.each([
    ['GCS 10', { clinicalCondition: 'coma', glasgowComaScale: 10 }, 'pass'],
    ['GCS 11', { clinicalCondition: 'coma', glasgowComaScale: 11 }, 'fail'],
    ['ventilation 24/7', { clinicalCondition: 'ventilation', ventilation247: true }, 'pass'],
    ['ventilation not continuous', { clinicalCondition: 'ventilation', ventilation247: false }, 'fail'],
    ['CDRS 4', { clinicalCondition: 'dementia', cdrsScore: 4 }, 'pass'],
    ['CDRS 3', { clinicalCondition: 'dementia', cdrsScore: 3 }, 'fail'],
    ['lesion C5 ASIA B', { clinicalCondition: 'spinal_lesion', spinalLesionLevel: 'C5', asiaGrade: 'B' }, 'pass'],
    ['lesion C6 ASIA B', { clinicalCondition: 'spinal_lesion', spinalLesionLevel: 'C6', asiaGrade: 'B' }, 'fail'],
    ['lesion C5 ASIA C', { clinicalCondition: 'spinal_lesion', spinalLesionLevel: 'C5', asiaGrade: 'C' }, 'fail'],
    ['MRC 1', { clinicalCondition: 'motor_impairment', motorScale: 'mrc', mrcFourLimbsScore: 1 }, 'pass'],
    ['MRC 2', { clinicalCondition: 'motor_impairment', motorScale: 'mrc', mrcFourLimbsScore: 2 }, 'fail'],
    ['EDSS 9', { clinicalCondition: 'motor_impairment', motorScale: 'edss', edssScore: 9 }, 'pass'],
    ['EDSS 8.5', { clinicalCondition: 'motor_impairment', motorScale: 'edss', edssScore: 8.5 }, 'fail'],
    ['Hoehn-Yahr 5', { clinicalCondition: 'motor_impairment', motorScale: 'hoehn_yahr', hoehnYahrStage: 5 }, 'pass'],
    [
      'Hoehn-Yahr 4.5',
      { clinicalCondition: 'motor_impairment', motorScale: 'hoehn_yahr', hoehnYahrStage: 4.5 },
      'fail',
    ],
    [
      '1/20 and 90 dB',
      { clinicalCondition: 'deafblindness', visualAcuityBetterEye: 0.05, hearingLossBetterEarDb: 90 },
      'pass',
    ],
    [
      '0.06 and 90 dB',
      { clinicalCondition: 'deafblindness', visualAcuityBetterEye: 0.06, hearingLossBetterEarDb: 90 },
      'fail',
    ],
    [
      '1/20 and 89 dB',
      { clinicalCondition: 'deafblindness', visualAcuityBetterEye: 0.05, hearingLossBetterEarDb: 89 },
      'fail',
    ],
    ['autism level 3', { clinicalCondition: 'autism', autismDsm5Level: 3 }, 'pass'],
    ['autism level 2', { clinicalCondition: 'autism', autismDsm5Level: 2 }, 'fail'],
    ['IQ 34 LAPMER 8', { clinicalCondition: 'intellectual_disability', iqScore: 34, lapmerScore: 8 }, 'pass'],
    ['IQ 35 LAPMER 8', { clinicalCondition: 'intellectual_disability', iqScore: 35, lapmerScore: 8 }, 'fail'],
    ['IQ 34 LAPMER 9', { clinicalCondition: 'intellectual_disability', iqScore: 34, lapmerScore: 9 }, 'fail'],
    ['other vital dependence declared', { clinicalCondition: 'vital_dependence', vitalDependence247: true }, 'review'],
    ['other vital dependence denied', { clinicalCondition: 'vital_dependence', vitalDependence247: false }, 'fail'],
  ])('%s: %s', (_, facts, expected) => {
    expect(conditionRule(facts).result).toBe(expected);
  });

  it('is eligible with a condition met, ISEE and care allowance in order', () => {
    expect(
      evaluateEligibility(B1_FNA_2025, { ...adult, clinicalCondition: 'autism', autismDsm5Level: 3 }, context).outcome,
    ).toBe('eligible');
  });

  it('reads only the scale of the declared condition', () => {
    expect(conditionRule({ clinicalCondition: 'autism', autismDsm5Level: 3, glasgowComaScale: 3 }).inputs).toEqual({
      clinicalCondition: 'autism',
      autismDsm5Level: 3,
    });
  });

  it('asks for the scale when the declared condition lacks it', () => {
    expect(conditionRule({ clinicalCondition: 'coma' })).toMatchObject({
      result: 'review',
      missing: ['glasgowComaScale'],
    });
  });

  it('requires the care allowance', () => {
    const result = evaluateEligibility(
      B1_FNA_2025,
      { ...adult, receivesCareAllowance: false, clinicalCondition: 'autism', autismDsm5Level: 3 },
      context,
    );
    expect(ruleOf(result, 'care-allowance').result).toBe('fail');
  });

  it.each([
    ['adult, sociosanitario 50,000.00', {}, 'sociosanitario', '50000.00', 'pass'],
    ['adult, sociosanitario 50,000.01', {}, 'sociosanitario', '50000.01', 'fail'],
    ['adult, ordinario', {}, 'ordinario', '10000', 'fail'],
    ['minor, ordinario 65,000.00', { beneficiaryBirthDate: '2010-01-01' }, 'ordinario', '65000.00', 'pass'],
    ['minor, ordinario 65,000.01', { beneficiaryBirthDate: '2010-01-01' }, 'ordinario', '65000.01', 'fail'],
  ])('ISEE %s', (_, person, iseeType, iseeValue, expected) => {
    const result = evaluateEligibility(B1_FNA_2025, { ...adult, ...person, iseeType, iseeValue }, context);
    expect(ruleOf(result, 'isee-threshold').result).toBe(expected);
  });

  it('pays the 2025 buono by care arrangement for 12 months', () => {
    const facts = deriveFacts(adult, context).facts;
    expect(computeBenefit(B1_FNA_2025, facts)).toMatchObject({
      monthlyCents: 56_500,
      months: 12,
      amountCents: 678_000,
    });
    expect(computeBenefit(B1_FNA_2025, { ...facts, careArrangement: 'employed_assistant_full_time' })).toMatchObject({
      monthlyCents: 130_000,
      amountCents: 1_560_000,
    });
  });
});
