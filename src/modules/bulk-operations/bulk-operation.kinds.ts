import { Role } from '../../common/access/role.js';

/** What a bulk operation does to each case, and who may run it (the single-case route's role). */
export const BULK_KINDS = ['assign', 'decide', 'request_integration'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

export const BULK_ROLE: Record<BulkKind, Role> = {
  assign: Role.MANAGER,
  decide: Role.MANAGER,
  request_integration: Role.OPERATOR,
};

/** Cases per operation: a day's batch, small enough to list on one page. */
export const BULK_MAX_ITEMS = 500;

/** The choice applied to every case of an operation (no personal data: one text for all). */
export type BulkParams =
  | { kind: 'assign'; operatorId: string }
  | { kind: 'decide'; outcome: 'approve' | 'reject'; reasons: string }
  | { kind: 'request_integration'; message: string; days: number };

export type BulkState = 'pending' | 'queued' | 'running' | 'done' | 'failed';
export type BulkResult = 'done' | 'already' | 'refused';
