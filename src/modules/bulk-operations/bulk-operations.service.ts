import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { hasRole, type Principal } from '../../common/access/principal.js';
import { actionsFor } from '../applications/case-rules.js';
import type { CaseAction } from '../applications/domain/allowed-actions.js';
import { ApplicationStatus as S } from '../applications/domain/application-status.js';
import { BULK_ROLE, type BulkKind, type BulkParams } from './bulk-operation.kinds.js';
import { bulkErrors } from './bulk-operations.errors.js';
import type { BulkOperationDto, CreateBulkOperationDto } from './bulk-operations.dto.js';
import { BulkOperationsRepository, type OperationRow } from './bulk-operations.repository.js';

const paramsOf = (dto: CreateBulkOperationDto): BulkParams => {
  switch (dto.kind) {
    case 'assign':
      return { kind: 'assign', operatorId: dto.operatorId! };
    case 'decide':
      return { kind: 'decide', outcome: dto.outcome!, reasons: dto.reasons! };
    case 'request_integration':
      return { kind: 'request_integration', message: dto.message!, days: dto.days! };
  }
};

/** What a request asks, whatever the order of its cases: a retry's key must come with the same. */
const fingerprint = (kind: BulkKind, params: BulkParams, ids: string[], version: Map<string, number>) =>
  createHash('sha256')
    .update(JSON.stringify([kind, params, [...ids].sort().map((i) => [i, version.get(i)])]))
    .digest('hex');

/** The cases a kind applies to: their state, and the actions their allowedActions must offer. */
const CANDIDATES: Record<BulkKind, { status: S; actions: readonly CaseAction[] }> = {
  assign: { status: S.SUBMITTED, actions: ['assign'] },
  decide: { status: S.PROPOSED, actions: ['decide_approve', 'decide_reject'] },
  request_integration: { status: S.IN_REVIEW, actions: ['request_integration'] },
};

export interface BulkCandidate {
  id: string;
  version: number;
  protocolNumber: string | null;
  measureCode: string;
  proposal: 'approve' | 'reject' | null;
}

/**
 * Starting and reading bulk operations. Starting one writes the operation and its items in one
 * transaction and nothing else: the worker's relay queues it after the commit (the row is its
 * own outbox), and the job applies each case through the same service as its single-case route.
 */
@Injectable()
export class BulkOperationsService {
  constructor(
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly repo: BulkOperationsRepository,
  ) {}

  /**
   * A retry with the same Idempotency-Key (a double click, a resubmitted form) returns the
   * operation the first request started; the same key for another request is a conflict.
   */
  async create(actor: Principal, dto: CreateBulkOperationDto, key?: string): Promise<BulkOperationDto> {
    if (!hasRole(actor, BULK_ROLE[dto.kind])) throw bulkErrors.roleRequired(dto.kind);
    const ids = dto.items.map((i) => i.id.toLowerCase());
    if (new Set(ids).size !== ids.length) throw bulkErrors.repeatedCase();
    const version = new Map(dto.items.map((i) => [i.id.toLowerCase(), i.version]));
    const requestHash = fingerprint(dto.kind, paramsOf(dto), ids, version);
    const earlier = async () => {
      const prior = key ? await this.repo.byKey(actor.id, key) : null;
      if (prior && prior.request_hash !== requestHash) throw bulkErrors.keyReused();
      return prior?.id ?? null;
    };
    const prior = await earlier();
    if (prior) return this.get(actor, prior);
    let id: string;
    try {
      id = await this.start(actor, dto, ids, version, key ? { value: key, requestHash } : null);
    } catch (error) {
      // The same key committed by a concurrent request meanwhile: that request's operation.
      const raced = uniqueViolation(error) === 'bulk_operations_actor_key' ? await earlier() : null;
      if (!raced) throw error;
      id = raced;
    }
    return this.get(actor, id);
  }

  private start(
    actor: Principal,
    dto: CreateBulkOperationDto,
    ids: string[],
    version: Map<string, number>,
    key: { value: string; requestHash: string } | null,
  ): Promise<string> {
    return this.tx.run(async (em) => {
      // Protocol order for the cases the caller sees; the others keep their place after them and
      // are refused as not found when their turn comes (the order reveals nothing about them).
      const visible = (await this.repo.visibleInProtocolOrder(actor, ids, em)).map((a) => a.id);
      const seen = new Set(visible);
      const ordered = [...visible, ...ids.filter((i) => !seen.has(i))];
      return this.repo.insert(
        em,
        { kind: dto.kind, actorId: actor.id, params: paramsOf(dto), now: this.clock.now(), key },
        ordered.map((i) => ({ id: i, version: version.get(i)! })),
      );
    });
  }

  /** One of the caller's own operations with its per-case results; anyone else's is not found. */
  async get(actor: Principal, id: string): Promise<BulkOperationDto> {
    const op = await this.repo.operation(id);
    if (!op || op.actor_id !== actor.id) throw bulkErrors.notFound();
    const items = await this.repo.items(id);
    const visible = new Map(
      (
        await this.repo.visibleInProtocolOrder(
          actor,
          items.map((i) => i.application_id),
        )
      ).map((a) => [a.id, a.protocolNumber]),
    );
    const count = (r: string) => items.filter((i) => i.result === r).length;
    return {
      ...this.summary(op),
      processed: items.filter((i) => i.result !== null).length,
      done: count('done'),
      already: count('already'),
      refused: count('refused'),
      items: items.map((i) => ({
        applicationId: i.application_id,
        protocolNumber: visible.get(i.application_id) ?? null,
        result: i.result,
        refusalCode: i.refusal_code,
        refusal: i.refusal_detail,
      })),
    };
  }

  /**
   * The cases the caller could apply a kind to now, in protocol order, with the version read (the
   * bulk page's lists): visible to the caller, and the kind's action in their allowedActions.
   */
  async candidates(actor: Principal, kind: BulkKind, limit = 200): Promise<BulkCandidate[]> {
    if (!hasRole(actor, BULK_ROLE[kind])) return [];
    const now = this.clock.now();
    const rows = await this.repo.inState(actor, CANDIDATES[kind].status, kind === 'decide', limit);
    return rows
      .filter(({ app, unitsBudget }) =>
        actionsFor(actor, app, now, { amountKnown: app.amountCents !== null || unitsBudget }).some((a) =>
          CANDIDATES[kind].actions.includes(a),
        ),
      )
      .map(({ app, measureCode }) => ({
        id: app.id,
        version: app.version,
        protocolNumber: app.protocolNumber,
        measureCode,
        proposal: app.proposal?.outcome ?? null,
      }));
  }

  /** The caller's recent operations (the bulk page's list). */
  async mine(actor: Principal, limit = 10) {
    return (await this.repo.mine(actor.id, limit)).map((op) => this.summary(op));
  }

  private summary(op: OperationRow) {
    return {
      id: op.id,
      kind: op.kind,
      state: op.state,
      total: op.total,
      createdAt: new Date(op.created_at).toISOString(),
      finishedAt: op.finished_at ? new Date(op.finished_at).toISOString() : null,
    };
  }
}
