import {
  BenefitComputationError,
  computeBenefit,
  deriveFacts,
  evaluateEligibility,
  type EligibilityEvaluation,
  type EvaluationContext,
  type MeasureDefinition,
  type MunicipalityInfo,
} from '../measures/domain/index.js';

export interface Assessment {
  evaluation: EligibilityEvaluation;
  benefit: Record<string, unknown> | null;
  benefitError: Record<string, unknown> | null;
}

/** Eligibility, then the benefit unless not eligible (a computation error is recorded, not thrown). */
export function assess(def: MeasureDefinition, data: Record<string, unknown>, context: EvaluationContext): Assessment {
  const evaluation = evaluateEligibility(def, data, context);
  let benefit: Record<string, unknown> | null = null;
  let benefitError: Record<string, unknown> | null = null;
  if (evaluation.outcome !== 'not_eligible') {
    try {
      benefit = { ...computeBenefit(def, deriveFacts(data, context).facts) };
    } catch (error) {
      if (!(error instanceof BenefitComputationError)) throw error;
      benefitError = { fact: error.fact, message: error.message };
    }
  }
  return { evaluation, benefit, benefitError };
}

/** The stored context of a snapshot (`eligibility_decisions.context`). */
export interface StoredContext {
  residenceIstatCode: string | null;
  residence: MunicipalityInfo | null;
}

/** The evaluation context of a stored snapshot: its application date and the residence resolved then. */
export const contextFromSnapshot = (applicationDate: string, stored: StoredContext): EvaluationContext => ({
  applicationDate,
  municipality: (c: string) => (c === stored.residenceIstatCode ? stored.residence : null),
});

export const amountOf = (benefit: Record<string, unknown> | null): number | null => (benefit && typeof benefit.amountCents === 'number' ? benefit.amountCents : null);
