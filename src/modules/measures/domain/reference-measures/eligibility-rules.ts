import type { Expression } from '../expression.js';
import type { BenefitFormula, EligibilityRule, I18nText, Incompatibility } from '../measure-definition.js';
import { formatAmount } from '../money.js';

/**
 * Rule fragments that several reference measures share, written once: the regional residence
 * requirement, ISEE ceilings and the FNA allowance shape. They build plain definition JSON, so a
 * published definition reads (and hashes) exactly as if it were written out by hand.
 */

export const factIs = (fact: string, value: string | number | boolean): Expression => ({
  '==': [{ var: fact }, value],
});

export const factAtMost = (fact: string, limit: number): Expression => ({ '<=': [{ var: fact }, limit] });

/** The person the benefit is for lives in Lombardy (derived from the ISTAT code of residence). */
export const residentInLombardy = (text: I18nText): EligibilityRule => ({
  id: 'resident-in-lombardy',
  kind: 'requirement',
  text,
  expression: factIs('residentInLombardy', true),
});

/** One ISEE ceiling, whatever the attestation's type. */
export const iseeAtMost = (maxCents: number): EligibilityRule => ({
  id: 'isee-threshold',
  kind: 'requirement',
  text: {
    it: `L’ISEE non supera ${formatAmount(maxCents, 'it')} euro.`,
    en: `The ISEE is at most ${formatAmount(maxCents, 'en')} EUR.`,
  },
  expression: factAtMost('iseeValueCents', maxCents),
});

/**
 * The FNA ceilings (DGR XII/3719/2024): adults present an ISEE sociosanitario, minors an
 * ordinary ISEE, each with its own ceiling.
 */
export const fnaIseeByAge = (ceilings: { adultCents: number; minorCents: number }): EligibilityRule => ({
  id: 'isee-threshold',
  kind: 'requirement',
  text: {
    it: `ISEE sociosanitario fino a ${formatAmount(ceilings.adultCents, 'it')} euro per gli adulti; ISEE ordinario fino a ${formatAmount(ceilings.minorCents, 'it')} euro per i minori.`,
    en: `ISEE sociosanitario up to ${formatAmount(ceilings.adultCents, 'en')} EUR for adults; ordinary ISEE up to ${formatAmount(ceilings.minorCents, 'en')} EUR for minors.`,
  },
  expression: {
    if: [
      { '>=': [{ var: 'beneficiaryAgeYears' }, 18] },
      { and: [factIs('iseeType', 'sociosanitario'), factAtMost('iseeValueCents', ceilings.adultCents)] },
      { and: [factIs('iseeType', 'ordinario'), factAtMost('iseeValueCents', ceilings.minorCents)] },
    ],
  },
});

/** The FNA buono: a monthly amount for 12 months, by who gives the care (`careArrangement`). */
export const fnaMonthlyAllowance = (cases: Record<string, { cents: number; label: I18nText }>): BenefitFormula => ({
  type: 'monthly',
  monthly: { op: 'table', fact: 'careArrangement', label: { it: 'buono per', en: 'allowance for' }, cases },
  months: { fixed: 12 },
});

export const FAMILY_CAREGIVER_LABEL: I18nText = { it: 'caregiver familiare', en: 'family caregiver' };

/** B1 and B2 exclude each other for the same person in the same year. */
export const b1AndB2Exclusive = (otherMeasureCode: string): Incompatibility => ({
  measureCodes: [otherMeasureCode],
  scope: 'same_beneficiary_same_year',
  reason: {
    it: 'B1 e B2 non sono cumulabili per la stessa persona nello stesso anno.',
    en: 'B1 and B2 cannot be combined for the same person in the same year.',
  },
});
