import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldError } from '../../common/errors/app-error.js';
import { newAjv } from './definition-validator.js';

// One compiled validator per published version (its content hash never changes); drafts,
// which have no hash yet and may still change, are compiled on each use.
const cache = new Map<string, ValidateFunction>();

function validatorFor(contentHash: string | null, formSchema: object): ValidateFunction {
  if (contentHash === null) return newAjv().compile(formSchema);
  let validate = cache.get(contentHash);
  if (!validate) {
    validate = newAjv().compile(formSchema);
    cache.set(contentHash, validate);
  }
  return validate;
}

function toField(error: ErrorObject, root: string): FieldError {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  const path = [root, ...error.instancePath.split('/').slice(1), ...(child ? [child] : [])].join('.');
  const message = error.keyword === 'additionalProperties' ? 'unknown field' : (error.message ?? error.keyword);
  return { field: path, messages: [message] };
}

// What a partial form lacks: `required`, and the `if` that reports a failed conditional `then`
// (whose own errors, type or format, are reported separately and kept).
const MISSING = new Set(['required', 'dependentRequired', 'if']);

/**
 * The fields of `data` the version's form (JSON Schema 2020-12) refuses, named from `root`
 * (e.g. "data.iban"): unknown fields, wrong types, bad formats such as impossible dates.
 * `allowMissing`: a partial form (a dry run) is judged on what it carries, not on what it lacks.
 */
export function formDataErrors(
  contentHash: string | null,
  formSchema: object,
  data: unknown,
  root: string,
  options: { allowMissing?: boolean } = {},
): FieldError[] {
  const validate = validatorFor(contentHash, formSchema);
  if (validate(data)) return [];
  const errors = validate.errors ?? [];
  return (options.allowMissing ? errors.filter((e) => !MISSING.has(e.keyword)) : errors).map((e) => toField(e, root));
}
