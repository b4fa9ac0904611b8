import type { Expression } from './expression.js';

/**
 * Static checks of a rule expression, run before a version is published: the evaluator also
 * rejects malformed operations, but an administrator must hear about them at save time, not
 * from an applicant's explanation.
 */

const ARITY: Readonly<Record<string, 'pair' | 'one' | 'many' | 'if'>> = {
  '==': 'pair',
  '!=': 'pair',
  '<': 'pair',
  '<=': 'pair',
  '>': 'pair',
  '>=': 'pair',
  in: 'pair',
  addMonths: 'pair',
  and: 'many',
  or: 'many',
  '!': 'one',
  needsReview: 'one',
  if: 'if',
};

const FACT_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Problems found, each prefixed with its JSON path (e.g. "and[1].<=[0]"). */
export function checkExpression(expression: unknown, path = '$'): string[] {
  if (typeof expression === 'string' || typeof expression === 'boolean') return [];
  if (typeof expression === 'number') return Number.isFinite(expression) ? [] : [`${path}: number must be finite`];
  if (Array.isArray(expression)) {
    return expression.flatMap((item, index) =>
      typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item))
        ? []
        : [`${path}[${index}]: lists hold only strings and numbers`],
    );
  }
  if (expression === null || typeof expression !== 'object') return [`${path}: not an expression`];
  const keys = Object.keys(expression);
  if (keys.length !== 1) return [`${path}: an operation has exactly one operator, found ${keys.length}`];
  const operator = keys[0];
  const args: unknown = (expression as Record<string, unknown>)[operator];
  if (operator === 'var') {
    return typeof args === 'string' && FACT_NAME.test(args) ? [] : [`${path}: var takes a camelCase fact name`];
  }
  const arity = ARITY[operator];
  if (!arity) return [`${path}: unknown operator "${operator}"`];
  if (!Array.isArray(args)) return [`${path}.${operator}: arguments must be a list`];
  const count = args.length;
  const arityOk =
    arity === 'pair'
      ? count === 2
      : arity === 'one'
        ? count === 1
        : arity === 'many'
          ? count >= 1
          : count >= 3 && count % 2 === 1;
  if (!arityOk) return [`${path}.${operator}: wrong number of arguments (${count})`];
  return args.flatMap((arg, index) => checkExpression(arg, `${path}.${operator}[${index}]`));
}

/** Every fact an expression may read, sorted (the facts a form must be able to provide). */
export function referencedFacts(expression: Expression | undefined): string[] {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [operator, args] of Object.entries(node)) {
      if (operator === 'var' && typeof args === 'string') found.add(args);
      else visit(args);
    }
  };
  visit(expression);
  return [...found].sort();
}
