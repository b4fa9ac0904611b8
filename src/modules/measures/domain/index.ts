/** Framework-free measures domain: the API layer imports only from here. */
export { amountOf, assess, contextFromSnapshot, type Assessment, type StoredContext } from './assess.js';
export { addMonths, ageInYears, applicationDateInRome, isIsoDate } from './calendar.js';
export { compareForRanking, type RankingEntry } from './ranking.js';
export { computeBenefit, BenefitComputationError, type BenefitComputation } from './compute-benefit.js';
export { canonicalJson, contentHash } from './content-hash.js';
export {
  deriveFacts,
  type DerivedFacts,
  type EvaluationContext,
  type FactIssue,
  type FactIssueCode,
  type MunicipalityInfo,
} from './derive-facts.js';
export {
  evaluateEligibility,
  evaluateRule,
  type EligibilityEvaluation,
  type EligibilityOutcome,
  type RuleEvaluation,
  type RuleResult,
} from './evaluate-eligibility.js';
export { checkExpression, referencedFacts } from './expression-check.js';
export type { Expression, Literal } from './expression.js';
export type { FactValue, Facts } from './facts.js';
export { isIncompatibleWith } from './incompatibility.js';
export * from './measure-definition.js';
export { formatAmount, formatCents, parseEuroToCents } from './money.js';
export { REFERENCE_MEASURES } from './reference-measures/index.js';
export { requiredDocumentsFor } from './required-documents.js';
export { validateDefinition, type DefinitionProblem } from './validate-definition.js';
