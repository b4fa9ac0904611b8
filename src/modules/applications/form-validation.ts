import type { ErrorObject, ValidateFunction } from 'ajv';
import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { newAjv } from '../measures/definition-validator.js';

// One compiled validator per published version (its content hash never changes).
const cache = new Map<string, ValidateFunction>();

function validatorFor(contentHash: string, formSchema: object): ValidateFunction {
  let validate = cache.get(contentHash);
  if (!validate) {
    validate = newAjv().compile(formSchema);
    cache.set(contentHash, validate);
  }
  return validate;
}

function toField(error: ErrorObject): FieldError {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  const path = ['data', ...error.instancePath.split('/').slice(1), ...(child ? [child] : [])].join('.');
  const message = error.keyword === 'additionalProperties' ? 'unknown field' : (error.message ?? error.keyword);
  return { field: path, messages: [message] };
}

/** Validates submitted data against the version's form (JSON Schema 2020-12): 400 naming each field. */
export function assertFormData(contentHash: string, formSchema: object, data: unknown): void {
  const validate = validatorFor(contentHash, formSchema);
  if (validate(data)) return;
  const errors = (validate.errors ?? []).map(toField);
  throw new AppError(
    'VALIDATION_FAILED',
    {
      it: `Il modulo contiene campi non validi: ${errors.map((e) => e.field).join(', ')}`,
      en: `The form has invalid fields: ${errors.map((e) => e.field).join(', ')}`,
    },
    { errors },
  );
}
