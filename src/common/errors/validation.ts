import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError, fieldError, type FieldError } from './app-error.js';

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
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** A NUL character, or a UTF-16 surrogate without its other half (no Unicode text has either). */
const HOSTILE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The path of the first string (or object key) carrying a NUL or a lone surrogate, or null.
 * PostgreSQL refuses both in text and jsonb: left through, they were a 500 whose log line held
 * the statement's parameters. A bad key names the object that holds it. Iterative, like
 * nestsDeeperThan; runs after the depth check, so it walks at most MAX_BODY_DEPTH levels.
 */
export function hostileStringPath(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (HOSTILE.test(node)) return path;
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      if (entries.some(([key]) => HOSTILE.test(key))) return path;
      for (let i = entries.length - 1; i >= 0; i--) {
        stack.push([entries[i][1], path ? `${path}.${entries[i][0]}` : entries[i][0]]);
      }
    }
  }
  return null;
}

/**
 * Before class-transformer sees a value: refuses a body nested beyond MAX_BODY_DEPTH
 * (`[[[[…]]]]` thousands deep was a 500 on POST /auth/login, found by the write-endpoint
 * fuzzer), and NUL or lone surrogates in any string of the body, query or path.
 */
class SportelloValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new AppError('MALFORMED_REQUEST', {
        it: `La richiesta annida oltre ${MAX_BODY_DEPTH} livelli.`,
        en: `The request body nests deeper than ${MAX_BODY_DEPTH} levels.`,
      });
    }
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const path = hostileStringPath(value, metadata.data ?? '');
      if (path !== null) {
        const field = path || metadata.type;
        throw fieldError('VALIDATION_FAILED', field, {
          it: `Il campo ${field} contiene caratteri non ammessi (NUL o surrogati UTF-16 isolati).`,
          en: `${field} contains characters that are not allowed (NUL or lone UTF-16 surrogates).`,
        });
      }
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
