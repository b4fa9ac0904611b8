/**
 * Facts are the flat, named values a rule can read: what the applicant submitted (validated
 * by the measure's form schema) plus what deriveFacts computes from it. Money is always in
 * integer euro cents. Absent means "not provided": null is never a value, so a rule can tell
 * "missing" apart from "false" or "0".
 */
export type FactValue = string | number | boolean | readonly string[];

export type Facts = Readonly<Record<string, FactValue>>;

export function isFactValue(value: unknown): value is FactValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    default:
      return false;
  }
}
