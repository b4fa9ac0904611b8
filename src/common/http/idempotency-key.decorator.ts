import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { fieldError } from '../errors/app-error.js';

const HEADER = 'Idempotency-Key';
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The caller's Idempotency-Key header, checked: absent → undefined, malformed → 400. The route's
 * service makes a retry with the same key return the first result (a unique constraint in the
 * same transaction, so a key survives a crash).
 */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[
    HEADER.toLowerCase()
  ];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !WELL_FORMED.test(value)) {
    throw fieldError('VALIDATION_FAILED', HEADER, {
      it: 'Idempotency-Key non valida (8-128 caratteri: lettere, cifre, . _ : -).',
      en: 'Invalid Idempotency-Key (8-128 characters: letters, digits, . _ : -).',
    });
  }
  return value;
});

/** Documents the header once, with the limits @IdempotencyKey() enforces. */
export const ApiIdempotencyKey = (description: string) =>
  applyDecorators(
    ApiHeader({
      name: HEADER,
      required: false,
      description,
      schema: { type: 'string', pattern: WELL_FORMED.source, maxLength: 128 },
    }),
  );
