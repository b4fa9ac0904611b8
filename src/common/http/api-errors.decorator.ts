import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDto } from '../errors/problem.dto.js';

const MEANING = {
  401: 'Not authenticated, or the credentials are wrong',
  404: 'No such resource, or not visible to the caller',
  409: 'Conflicts with the current state: a stale version, a step the workflow does not allow now, or already done',
  413: 'Too large',
  422: 'Understood but refused by a rule: the window, the territory, the law or the measure forbids it',
  429: 'Too many attempts: retry after the seconds in Retry-After',
} as const;

/**
 * The error statuses an operation answers beyond those every operation of its shape has (see
 * openapi.ts), each as problem+json. The e2e run fails when a test provokes a status the
 * operation does not declare (test/support/openapi-truth.mjs).
 */
export const ApiErrors = (...statuses: (keyof typeof MEANING)[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status], type: ProblemDto })));
