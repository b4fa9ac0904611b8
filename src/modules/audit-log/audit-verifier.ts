import type { DataSource } from 'typeorm';
import { AUDIT_CANONICAL_COLUMNS, START, verifyChain, type BrokenEntry, type StoredAuditEntry } from './audit-chain.js';

export interface VerifyReport {
  ok: boolean;
  checked: number;
  firstBroken: BrokenEntry | null;
}

/** Walks the whole log in seq order, in batches (constant memory), as the API and the CLI do. */
export async function verifyAuditLog(db: DataSource, batchSize = 2000): Promise<VerifyReport> {
  let cursor = START;
  for (;;) {
    const rows: StoredAuditEntry[] = await db.query(
      `SELECT ${AUDIT_CANONICAL_COLUMNS} FROM audit_log WHERE audit_log.seq > $1 ORDER BY audit_log.seq LIMIT $2`,
      [cursor.lastSeq, batchSize],
    );
    cursor = verifyChain(rows, cursor);
    if (cursor.firstBroken || rows.length < batchSize) break;
  }
  return { ok: cursor.firstBroken === null, checked: cursor.checked, firstBroken: cursor.firstBroken };
}
