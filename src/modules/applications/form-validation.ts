import { AppError } from '../../common/errors/app-error.js';
import { formDataErrors } from '../measures/form-data-validation.js';

/** Validates submitted data against the version's form (JSON Schema 2020-12): 400 naming each field. */
export function assertFormData(contentHash: string, formSchema: object, data: unknown): void {
  const errors = formDataErrors(contentHash, formSchema, data, 'data');
  if (errors.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    {
      it: `Il modulo contiene campi non validi: ${errors.map((e) => e.field).join(', ')}`,
      en: `The form has invalid fields: ${errors.map((e) => e.field).join(', ')}`,
    },
    { errors },
  );
}
