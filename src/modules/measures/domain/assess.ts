import { BenefitComputationError, computeBenefit, type BenefitComputation } from './compute-benefit.js';
import { deriveFacts, type EvaluationContext, type MunicipalityInfo } from './derive-facts.js';
import { evaluateEligibility, type EligibilityEvaluation } from './evaluate-eligibility.js';
import type { MeasureDefinition } from './measure-definition.js';

/** The benefit as stored with a snapshot (a plain object: jsonb). */
export type AssessedBenefit = { [K in keyof BenefitComputation]: BenefitComputation[K] };
export type BenefitError = { fact: BenefitComputationError['fact']; message: string };

export interface Assessment {
  evaluation: EligibilityEvaluation;
  benefit: AssessedBenefit | null;
  benefitError: BenefitError | null;
}

/**
 * Eligibility, then the benefit unless not eligible (a computation error is recorded, not
 * thrown). The one assessment: submission, re-evaluation, the auditor's re-run and the dry run
 * all call it, so a re-run reproduces a decision because it runs the same function.
 */
export function assess(
  def: MeasureDefinition,
  inputs: Record<string, unknown>,
  context: EvaluationContext,
): Assessment {
  const evaluation = evaluateEligibility(def, inputs, context);
  let benefit: AssessedBenefit | null = null;
  let benefitError: BenefitError | null = null;
  if (evaluation.outcome !== 'not_eligible') {
    try {
      benefit = { ...computeBenefit(def, deriveFacts(inputs, context).facts) };
    } catch (error) {
      if (!(error instanceof BenefitComputationError)) throw error;
      benefitError = { fact: error.fact, message: error.message };
    }
  }
  return { evaluation, benefit, benefitError };
}

/** The context as a snapshot stores it (`eligibility_decisions.context`): the residence resolved then. */
export interface StoredContext {
  residenceIstatCode?: string | null;
  residence?: MunicipalityInfo | null;
}

/** The evaluation context of a stored snapshot: its application date and the residence resolved at submission. */
export const contextFromSnapshot = (snapshot: {
  applicationDate: string;
  context: StoredContext;
}): EvaluationContext => ({
  applicationDate: snapshot.applicationDate,
  municipality: (c: string) =>
    c === snapshot.context.residenceIstatCode ? (snapshot.context.residence ?? null) : null,
});

/** The amount a benefit grants, in cents, when it is a money benefit. */
export const amountOf = (benefit: Record<string, unknown> | null): number | null =>
  benefit && typeof benefit.amountCents === 'number' ? benefit.amountCents : null;
