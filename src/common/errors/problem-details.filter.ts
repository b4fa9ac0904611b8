import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError, type Localized } from './app-error.js';
import { ERROR_CATALOG, type ErrorCode } from './error-catalog.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  detailEn: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'MALFORMED_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const GENERIC_DETAIL: Partial<Record<ErrorCode, Localized>> = {
  UNAUTHENTICATED: { it: 'Accesso richiesto: effettua il login.', en: 'Authentication required: please log in.' },
  FORBIDDEN: { it: 'Non hai i permessi per questa operazione.', en: 'You are not allowed to do this.' },
  NOT_FOUND: { it: 'Risorsa non trovata.', en: 'Resource not found.' },
  INTERNAL: { it: 'Errore interno. Riprova più tardi.', en: 'Internal error. Please try again later.' },
  PAYLOAD_TOO_LARGE: { it: 'La richiesta è troppo grande.', en: 'The request is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { it: 'Formato della richiesta non supportato.', en: 'Unsupported request format.' },
  MALFORMED_REQUEST: { it: 'La richiesta non è leggibile.', en: 'The request could not be read.' },
};

/** Turns any error into an RFC 9457 problem+json response. Never leaks internals on 500. */
export function toProblem(error: unknown, instance: string, requestId: string): ProblemBody {
  let code: ErrorCode;
  let detail: Localized;
  let extra: Record<string, unknown> = {};
  if (error instanceof AppError) {
    code = error.code;
    detail = error.detail;
    extra = error.extra;
  } else if (error instanceof HttpException) {
    const status = error.getStatus();
    code = STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST');
    detail = GENERIC_DETAIL[code] ?? { it: error.message, en: error.message };
  } else if (isFastifyClientError(error)) {
    code = STATUS_CODES[error.statusCode] ?? 'MALFORMED_REQUEST';
    const base = GENERIC_DETAIL[code] ?? GENERIC_DETAIL.MALFORMED_REQUEST!;
    detail = { it: base.it, en: `${base.en} ${error.message}` };
  } else {
    code = 'INTERNAL';
    detail = GENERIC_DETAIL.INTERNAL!;
  }
  const { status, title } = ERROR_CATALOG[code];
  const { retryAfterSeconds: _retry, ...members } = extra;
  return {
    type: `urn:sportello:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail: detail.it,
    detailEn: detail.en,
    code,
    instance,
    requestId,
    ...members,
  };
}

function isFastifyClientError(error: unknown): error is { statusCode: number; message: string } {
  const e = error as { statusCode?: unknown; code?: unknown };
  return typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && typeof e.code === 'string';
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url.split('?')[0], String(request.id));
    // The error through the logger's serializer (type, message, stack, code: no parameters nor
    // driver details), the path without its query string, never the body.
    if (problem.status >= 500) {
      this.logger.error(
        {
          err: error instanceof Error ? error : { thrown: typeof error },
          method: request.method,
          url: problem.instance,
        },
        'request failed',
      );
    }
    if (error instanceof AppError && error.extra.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(error.extra.retryAfterSeconds));
    }
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
