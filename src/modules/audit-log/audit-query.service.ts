import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditEntriesPageDto, AuditEntriesQueryDto, AuditEntryDto, AuditVerifyDto } from './audit.dto.js';
import { verifyAuditLog } from './audit-verifier.js';

/** AUDITOR's reads of the log: filtered entries (keyset on seq) and the chain verification. */
@Injectable()
export class AuditQueryService {
  constructor(private readonly db: DataSource) {}

  verify(): Promise<AuditVerifyDto> {
    return verifyAuditLog(this.db);
  }

  async entries(q: AuditEntriesQueryDto): Promise<AuditEntriesPageDto> {
    const where: string[] = ['seq > $1'];
    const params: unknown[] = [q.after ?? 0];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.action) add('action = ?', q.action);
    if (q.actorId) add('actor_id = ?', q.actorId);
    if (q.targetType) add('target_type = ?', q.targetType);
    if (q.targetId) add('target_id = ?', q.targetId);
    if (q.from) add('occurred_at >= ?', new Date(q.from));
    if (q.to) add('occurred_at < ?', new Date(q.to));
    params.push(q.limit);
    const rows: Array<Omit<AuditEntryDto, 'seq' | 'occurredAt'> & { seq: string; occurredAt: Date }> =
      await this.db.query(
        `SELECT seq, id, occurred_at AS "occurredAt", actor_id AS "actorId", actor_role AS "actorRole", action,
              target_type AS "targetType", target_id AS "targetId", request_id AS "requestId", change,
              prev_hash AS "prevHash", hash
         FROM audit_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT $${params.length}`,
        params,
      );
    const items = rows.map((r) => ({ ...r, seq: Number(r.seq), occurredAt: r.occurredAt.toISOString() }));
    return { items, nextAfter: items.length === q.limit ? items[items.length - 1].seq : null };
  }
}
