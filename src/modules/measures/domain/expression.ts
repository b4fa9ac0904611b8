import { addMonths, isIsoDate } from './calendar.js';
import type { FactValue, Facts } from './facts.js';

/**
 * The rule language: JSON Logic's shape ({"operator": [arguments]}, {"var": "fact"}) so rules
 * read familiarly and stay plain JSON, with stricter semantics that eligibility needs:
 * - three-valued (Kleene) logic: a missing fact is UNKNOWN, never coerced. JSON Logic engines
 *   evaluate {"<=": [{"var": "iseeValueCents"}, 2500000]} to true when the ISEE is absent
 *   (null <= n in JavaScript), which would admit an applicant who declared nothing;
 * - no coercion: comparing a number with a string is an error, not a guess;
 * - no arithmetic, so no floats: money arithmetic lives in the benefit formulas, in cents;
 * - dates are ISO strings compared as dates; addMonths does calendar arithmetic;
 * - needsReview marks what only a person can assess;
 * - synchronous and pure: same facts, same result, with the exact facts each rule read.
 */

export type Literal = string | number | boolean;
type Pair = readonly [Expression, Expression];

export type Expression =
  | Literal
  | readonly Literal[]
  | { readonly var: string }
  | { readonly '==': Pair }
  | { readonly '!=': Pair }
  | { readonly '<': Pair }
  | { readonly '<=': Pair }
  | { readonly '>': Pair }
  | { readonly '>=': Pair }
  | { readonly and: readonly Expression[] }
  | { readonly or: readonly Expression[] }
  | { readonly '!': readonly [Expression] }
  /** [needle, list]: membership in a literal list or a multi-choice fact. */
  | { readonly in: Pair }
  /** [condition, then, (condition, then)*, else]. */
  | { readonly if: readonly Expression[] }
  /** [date, months]: calendar months later (negative: earlier), clamped to the month's end. */
  | { readonly addMonths: Pair }
  /** true becomes UNKNOWN: a person must confirm what the declaration says; false stays false. */
  | { readonly needsReview: readonly [Expression] };

/** Kleene's third truth value: cannot be decided from the facts. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = FactValue | readonly Literal[] | typeof UNKNOWN;

/** A rule met a value of the wrong type: reported on the rule, never thrown to the caller. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
}

/** Facts read, in reading order; null for a fact that was not provided. */
export type ReadLog = Map<string, FactValue | null>;

export function evaluateExpression(expression: Expression, facts: Facts, reads: ReadLog): Value {
  const evaluate = (inner: Expression): Value => evaluateExpression(inner, facts, reads);
  if (typeof expression !== 'object') return literal(expression);
  if (Array.isArray(expression)) return expression.map(literal);
  const [operator, ...extra] = Object.keys(expression);
  if (operator === undefined || extra.length > 0) throw new ExpressionError('An operation has exactly one operator');
  const args: unknown = (expression as Record<string, unknown>)[operator];
  switch (operator) {
    case 'var':
      return read(args, facts, reads);
    case '==':
    case '!=': {
      const [left, right] = pair(operator, args).map(evaluate) as [Value, Value];
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
      if (typeof left !== typeof right || typeof left === 'object') {
        throw new ExpressionError(`${operator} compares a ${describe(left)} with a ${describe(right)}`);
      }
      return (left === right) === (operator === '==');
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, ...(pair(operator, args).map(evaluate) as [Value, Value]));
    case 'and':
    case 'or':
      return connective(operator, list(operator, args), evaluate);
    case '!': {
      const value = evaluate(single(operator, args));
      return value === UNKNOWN ? UNKNOWN : !boolean(operator, value);
    }
    case 'in': {
      const [needle, haystack] = pair(operator, args).map(evaluate) as [Value, Value];
      if (needle === UNKNOWN || haystack === UNKNOWN) return UNKNOWN;
      if (!Array.isArray(haystack)) throw new ExpressionError(`in needs a list, got a ${describe(haystack)}`);
      return (haystack as readonly unknown[]).includes(needle);
    }
    case 'if':
      return conditional(list(operator, args), evaluate);
    case 'addMonths': {
      const [date, months] = pair(operator, args).map(evaluate) as [Value, Value];
      if (date === UNKNOWN || months === UNKNOWN) return UNKNOWN;
      if (!isIsoDate(date) || typeof months !== 'number' || !Number.isSafeInteger(months)) {
        throw new ExpressionError('addMonths needs a date (YYYY-MM-DD) and a whole number of months');
      }
      try {
        return addMonths(date, months);
      } catch (caught) {
        throw new ExpressionError((caught as Error).message);
      }
    }
    case 'needsReview': {
      const value = evaluate(single(operator, args));
      if (value === UNKNOWN) return UNKNOWN;
      return boolean(operator, value) ? UNKNOWN : false;
    }
    default:
      throw new ExpressionError(`Unknown operator: ${operator}`);
  }
}

function literal(value: unknown): Literal {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw new ExpressionError(`Not a literal: ${JSON.stringify(value)}`);
}

function read(name: unknown, facts: Facts, reads: ReadLog): Value {
  if (typeof name !== 'string') throw new ExpressionError('var takes a fact name');
  const value = Object.hasOwn(facts, name) ? facts[name] : undefined;
  if (!reads.has(name)) reads.set(name, value ?? null);
  return value ?? UNKNOWN;
}

function compare(operator: '<' | '<=' | '>' | '>=', left: Value, right: Value): Value {
  if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
  const numbers = typeof left === 'number' && typeof right === 'number';
  // ISO dates order correctly as strings; any other string is a type error, not a guess.
  if (!numbers && !(isIsoDate(left) && isIsoDate(right))) {
    throw new ExpressionError(
      `${operator} compares numbers or dates, got a ${describe(left)} and a ${describe(right)}`,
    );
  }
  const [a, b] = [left, right];
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** Left to right, stopping at the first decisive value; UNKNOWN only if nothing decides. */
function connective(
  operator: 'and' | 'or',
  operands: readonly Expression[],
  evaluate: (e: Expression) => Value,
): Value {
  const decisive = operator === 'or';
  let unknown = false;
  for (const operand of operands) {
    const value = evaluate(operand);
    if (value === UNKNOWN) unknown = true;
    else if (boolean(operator, value) === decisive) return decisive;
  }
  return unknown ? UNKNOWN : !decisive;
}

function conditional(operands: readonly Expression[], evaluate: (e: Expression) => Value): Value {
  if (operands.length < 3 || operands.length % 2 === 0) {
    throw new ExpressionError('if takes condition, then, ..., else');
  }
  for (let index = 0; index + 1 < operands.length; index += 2) {
    const condition = evaluate(operands[index]);
    if (condition === UNKNOWN) return UNKNOWN;
    if (boolean('if', condition)) return evaluate(operands[index + 1]);
  }
  return evaluate(operands[operands.length - 1]);
}

function boolean(operator: string, value: Value): boolean {
  if (typeof value !== 'boolean') {
    throw new ExpressionError(`${operator} needs true or false, got a ${describe(value)}`);
  }
  return value;
}

function list(operator: string, args: unknown): readonly Expression[] {
  if (!Array.isArray(args) || args.length === 0) throw new ExpressionError(`${operator} takes a non-empty list`);
  return args as readonly Expression[];
}

function pair(operator: string, args: unknown): Pair {
  if (!Array.isArray(args) || args.length !== 2) throw new ExpressionError(`${operator} takes two operands`);
  return args as unknown as Pair;
}

function single(operator: string, args: unknown): Expression {
  if (!Array.isArray(args) || args.length !== 1) throw new ExpressionError(`${operator} takes one operand`);
  return args[0] as Expression;
}

function describe(value: Value): string {
  if (value === UNKNOWN) return 'missing value';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'string' && isIsoDate(value) ? 'date' : typeof value;
}
