import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal.js';
import type { Localized } from '../../common/errors/app-error.js';
import { Application } from '../applications/application.entity.js';
import { staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from '../applications/case-access.js';
import { visibleProtocolNumbers } from '../applications/cases.repository.js';
import { MeasureVersion } from '../measures/measure-version.entity.js';
import { Measure } from '../measures/measure.entity.js';
import type { ApplicationStatus } from '../applications/domain/application-status.js';
import type { BulkKind, BulkParams, BulkResult, BulkState } from './bulk-operation.kinds.js';

export interface OperationRow {
  id: string;
  kind: BulkKind;
  actor_id: string;
  params: BulkParams;
  state: BulkState;
  total: number;
  created_at: Date;
  finished_at: Date | null;
}

export interface ItemRow {
  position: number;
  application_id: string;
  expected_version: number;
  result: BulkResult | null;
  refusal_code: string | null;
  refusal_detail: Localized | null;
}

/** The SQL of bulk operations and their items, in one place. */
@Injectable()
export class BulkOperationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Of these ids, those the caller may see as staff, in protocol order (the order cases are processed in). */
  visibleInProtocolOrder(actor: Principal, ids: string[], em: EntityManager = this.db.manager) {
    return visibleProtocolNumbers(em, actor, ids);
  }

  /** The caller's visible cases in a state (a-sportello only if asked), in protocol order, with their budget kind. */
  async inState(actor: Principal, status: ApplicationStatus, aSportelloOnly: boolean, limit: number) {
    const qb = this.db
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Measure, 'm', 'm.id = a.measure_id')
      .addSelect('m.code', 'measure_code')
      .leftJoin(MeasureVersion, 'v', 'v.id = a.measure_version_id')
      .addSelect(`v.definition->'budget'->>'kind'`, 'budget_kind')
      .where(VISIBLE_TO_STAFF_SQL, staffVisibilityParams(actor))
      .andWhere('a.status = :status', { status });
    if (aSportelloOnly) qb.andWhere(`a.procedure_type = 'a_sportello'`);
    const rows = await qb
      .orderBy('a.protocol_year', 'ASC')
      .addOrderBy('a.protocol_seq', 'ASC')
      .limit(limit)
      .getRawAndEntities();
    return rows.entities.map((app, i) => {
      const raw = rows.raw[i] as { measure_code: string; budget_kind: string | null };
      return { app, measureCode: raw.measure_code, unitsBudget: raw.budget_kind === 'units' };
    });
  }

  async insert(
    em: EntityManager,
    op: {
      kind: BulkKind;
      actorId: string;
      params: BulkParams;
      now: Date;
      key: { value: string; requestHash: string } | null;
    },
    items: { id: string; version: number }[],
  ): Promise<string> {
    const [{ id }] = (await em.query(
      `INSERT INTO bulk_operations (kind, actor_id, params, total, created_at, idempotency_key, request_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        op.kind,
        op.actorId,
        JSON.stringify(op.params),
        items.length,
        op.now,
        op.key?.value ?? null,
        op.key?.requestHash ?? null,
      ],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO bulk_operation_items (operation_id, position, application_id, expected_version)
       SELECT $1, t.ord - 1, t.app, t.ver FROM unnest($2::uuid[], $3::int[]) WITH ORDINALITY AS t(app, ver, ord)`,
      [id, items.map((i) => i.id), items.map((i) => i.version)],
    );
    return id;
  }

  /** The operation the caller started with this Idempotency-Key, with the fingerprint of what was asked. */
  async byKey(actorId: string, key: string): Promise<{ id: string; request_hash: string } | null> {
    const [row] = (await this.db.query(
      `SELECT id, request_hash FROM bulk_operations WHERE actor_id = $1 AND idempotency_key = $2`,
      [actorId, key],
    )) as { id: string; request_hash: string }[];
    return row ?? null;
  }

  async operation(id: string, em: EntityManager = this.db.manager): Promise<OperationRow | null> {
    const [row] = (await em.query(
      `SELECT id, kind, actor_id, params, state, total, created_at, finished_at FROM bulk_operations WHERE id = $1`,
      [id],
    )) as OperationRow[];
    return row ?? null;
  }

  items(id: string, pendingOnly = false): Promise<ItemRow[]> {
    return this.db.query(
      `SELECT position, application_id, expected_version, result, refusal_code, refusal_detail
         FROM bulk_operation_items WHERE operation_id = $1 ${pendingOnly ? 'AND result IS NULL' : ''} ORDER BY position`,
      [id],
    ) as Promise<ItemRow[]>;
  }

  /** The caller's own operations, newest first. */
  mine(actorId: string, limit: number): Promise<OperationRow[]> {
    return this.db.query(
      `SELECT id, kind, actor_id, params, state, total, created_at, finished_at FROM bulk_operations
        WHERE actor_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [actorId, limit],
    ) as Promise<OperationRow[]>;
  }

  /** A case's result, once (a result already written stays: a job run twice records nothing twice). */
  async record(
    em: EntityManager,
    id: string,
    position: number,
    result: BulkResult,
    refusal: { code: string; detail: Localized } | null,
    now: Date,
  ): Promise<void> {
    await em.query(
      `UPDATE bulk_operation_items SET result = $3, refusal_code = $4, refusal_detail = $5, finished_at = $6
        WHERE operation_id = $1 AND position = $2 AND result IS NULL`,
      [id, position, result, refusal?.code ?? null, refusal ? JSON.stringify(refusal.detail) : null, now],
    );
  }

  async setState(id: string, state: BulkState, now: Date): Promise<void> {
    const column = state === 'running' ? 'started_at' : state === 'done' || state === 'failed' ? 'finished_at' : null;
    await this.db.query(
      `UPDATE bulk_operations SET state = $2${column ? `, ${column} = coalesce(${column}, $3)` : ''} WHERE id = $1`,
      column ? [id, state, now] : [id, state],
    );
  }

  /** The acting account, as the access guard would load it (null if disabled or gone). */
  async activePrincipal(id: string): Promise<Principal | null> {
    const [row] = (await this.db.query(
      `SELECT u.id, u.roles,
              coalesce(array_agg(s.ats_code) FILTER (WHERE s.ats_code IS NOT NULL), '{}') AS ats,
              coalesce(array_agg(s.ambito_code) FILTER (WHERE s.ambito_code IS NOT NULL), '{}') AS ambiti
         FROM users u LEFT JOIN user_scopes s ON s.user_id = u.id
        WHERE u.id = $1 AND u.disabled_at IS NULL GROUP BY u.id`,
      [id],
    )) as { id: string; roles: Principal['roles']; ats: string[]; ambiti: string[] }[];
    return row ? { id: row.id, roles: row.roles, scope: { atsCodes: row.ats, ambitoCodes: row.ambiti } } : null;
  }
}
