import { deriveFacts, type EvaluationContext, type FactIssue } from './derive-facts.js';
import { evaluateExpression, ExpressionError, UNKNOWN, type ReadLog, type Value } from './expression.js';
import type { FactValue, Facts } from './facts.js';
import type { EligibilityRule, I18nText, MeasureDefinition, RuleKind } from './measure-definition.js';

export type RuleResult = 'pass' | 'fail' | 'review';
export type EligibilityOutcome = 'eligible' | 'not_eligible' | 'needs_review';

/** One line of the explanation: what the rule says, what it read, what it concluded. */
export interface RuleEvaluation {
  readonly id: string;
  readonly kind: RuleKind;
  readonly text: I18nText;
  /** Exactly the facts the rule read, in reading order; null = not provided. */
  readonly inputs: Readonly<Record<string, FactValue | null>>;
  readonly result: RuleResult;
  /** Facts the rule read that were not provided. */
  readonly missing?: readonly string[];
  /** A value of the wrong type: the rule could not be applied (result is review). */
  readonly error?: string;
}

export interface EligibilityEvaluation {
  readonly outcome: EligibilityOutcome;
  readonly rules: readonly RuleEvaluation[];
  /** Submitted values that could not be used (bad date, unknown ISEE type...). */
  readonly factIssues: readonly FactIssue[];
}

/**
 * Applies every rule (none is skipped, so the explanation is complete) to the submitted
 * facts. Outcome: not_eligible if any rule fails; otherwise needs_review if any rule is
 * review; otherwise eligible. A missing fact never fails nor passes a rule on its own: the
 * rule goes to review with the fact listed, so an officer can ask for it (soccorso
 * istruttorio) instead of the machine rejecting or admitting on absent data.
 */
export function evaluateEligibility(
  definition: Pick<MeasureDefinition, 'eligibility'>,
  submittedFacts: Readonly<Record<string, unknown>>,
  context: EvaluationContext,
): EligibilityEvaluation {
  const { facts, issues } = deriveFacts(submittedFacts, context);
  const rules = definition.eligibility.map((rule) => evaluateRule(rule, facts));
  const results = new Set(rules.map((rule) => rule.result));
  const outcome = results.has('fail') ? 'not_eligible' : results.has('review') ? 'needs_review' : 'eligible';
  return { outcome, rules, factIssues: issues };
}

/** One rule against derived facts. */
export function evaluateRule(rule: EligibilityRule, facts: Facts): RuleEvaluation {
  const reads: ReadLog = new Map();
  let value: Value;
  let error: string | undefined;
  try {
    value = evaluateExpression(rule.expression, facts, reads);
    if (typeof value !== 'boolean' && value !== UNKNOWN) {
      throw new ExpressionError('A rule must evaluate to true or false');
    }
  } catch (caught) {
    if (!(caught instanceof ExpressionError)) throw caught;
    value = UNKNOWN;
    error = caught.message;
  }
  const missing = [...reads].filter(([, read]) => read === null).map(([name]) => name);
  return {
    id: rule.id,
    kind: rule.kind,
    text: rule.text,
    inputs: Object.fromEntries(reads),
    result: resultOf(rule.kind, value),
    ...(missing.length > 0 ? { missing } : {}),
    ...(error !== undefined ? { error } : {}),
  };
}

function resultOf(kind: RuleKind, value: Value): RuleResult {
  if (value === false) return 'fail';
  // A review rule that holds still needs a person: it only ever fails automatically.
  return value === true && kind === 'requirement' ? 'pass' : 'review';
}
