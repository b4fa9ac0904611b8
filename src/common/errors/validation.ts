import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError, type FieldError } from './app-error.js';

/** Flattens nested class-validator errors into one entry per offending field path. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** The global pipe: unknown fields are rejected, values converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return new AppError(
        'VALIDATION_FAILED',
        {
          it: `Dati non validi: ${fields.map((f) => f.field).join(', ')}`,
          en: `Invalid fields: ${fields.map((f) => f.field).join(', ')}`,
        },
        { errors: fields },
      );
    },
  });
}

/**
 * An optional field that, when present, must be valid: unlike `@IsOptional()`, `null` is not
 * "absent" (it would reach a NOT NULL column as a 500; PATCH /me {"lastName": null} did).
 */
export const IsOmittable = () => ValidateIf((_object, value) => value !== undefined);
