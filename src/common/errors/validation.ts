import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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

/** No request body of this API nests deeper; far deeper ones overflowed the validators' stack. */
export const MAX_BODY_DEPTH = 64;

/** Whether arrays and objects nest deeper than `limit` (iterative: never itself overflows). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses a body nested beyond MAX_BODY_DEPTH before class-transformer recurses into it:
 * `[[[[…]]]]` thousands deep was a 500 on POST /auth/login (found by the write-endpoint fuzzer).
 */
class SportelloValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new AppError('MALFORMED_REQUEST', {
        it: `La richiesta annida oltre ${MAX_BODY_DEPTH} livelli.`,
        en: `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`,
      });
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are rejected, values converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new SportelloValidationPipe({
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
