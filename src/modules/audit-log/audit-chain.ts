import { createHash } from 'node:crypto';

/** The hash the first entry chains from. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit entry as stored, in the canonical text forms the database hashes: `occurredAt` as
 * `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, microseconds) and `change` as PostgreSQL renders jsonb.
 * AUDIT_CANONICAL_COLUMNS selects exactly these.
 */
export interface StoredAuditEntry {
  seq: string;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  change: string;
  prevHash: string;
  hash: string;
}

/** The SELECT list giving StoredAuditEntry (keep in sync with audit_canonical() in the migration). */
export const AUDIT_CANONICAL_COLUMNS = `seq::text AS "seq", id::text AS "id",
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
  actor_id::text AS "actorId", actor_role AS "actorRole", action, target_type AS "targetType",
  target_id AS "targetId", request_id AS "requestId", change::text AS "change",
  prev_hash AS "prevHash", hash`;

const field = (v: string | null) => (v === null ? '~' : `${Buffer.byteLength(v, 'utf8')}:${v}`);

/** The canonical content, byte for byte as audit_canonical() builds it in PostgreSQL. */
export function canonicalContent(e: StoredAuditEntry): string {
  return [
    e.seq,
    e.id,
    e.occurredAt,
    field(e.actorId),
    field(e.actorRole),
    field(e.action),
    field(e.targetType),
    field(e.targetId),
    field(e.requestId),
    field(e.change),
  ].join('|');
}

/** hash = SHA-256(prev_hash | canonical content), hex. */
export function entryHash(prevHash: string, e: StoredAuditEntry): string {
  return createHash('sha256')
    .update(`${prevHash}|${canonicalContent(e)}`, 'utf8')
    .digest('hex');
}

export interface BrokenEntry {
  seq: number;
  id: string;
  /** 'hash': the content does not give the stored hash; 'link': prev_hash is not the previous entry's hash; 'seq': an entry is missing. */
  reason: 'hash' | 'link' | 'seq';
  expected: string;
  stored: string;
}

/** Where a walk stands after some entries: feed it back to verify the next batch. */
export interface ChainCursor {
  checked: number;
  lastSeq: number;
  lastHash: string;
  firstBroken: BrokenEntry | null;
}

export const START: ChainCursor = { checked: 0, lastSeq: 0, lastHash: GENESIS_HASH, firstBroken: null };

/**
 * Walks entries in seq order, recomputing each hash; stops at the first broken entry.
 * Pure: batches of a long log are verified by passing the returned cursor back in.
 */
export function verifyChain(entries: readonly StoredAuditEntry[], from: ChainCursor = START): ChainCursor {
  let cur = { ...from };
  for (const e of entries) {
    if (cur.firstBroken) break;
    const seq = Number(e.seq);
    const broken = (reason: BrokenEntry['reason'], expected: string, stored: string): ChainCursor => ({
      ...cur,
      firstBroken: { seq, id: e.id, reason, expected, stored },
    });
    if (seq !== cur.lastSeq + 1) return broken('seq', String(cur.lastSeq + 1), e.seq);
    if (e.prevHash !== cur.lastHash) return broken('link', cur.lastHash, e.prevHash);
    const expected = entryHash(e.prevHash, e);
    if (expected !== e.hash) return broken('hash', expected, e.hash);
    cur = { checked: cur.checked + 1, lastSeq: seq, lastHash: e.hash, firstBroken: null };
  }
  return cur;
}

/** SHA-256 of a personal value (e-mail, names), so the log proves a change without holding the data. */
export function personalDigest(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : createHash('sha256').update(value, 'utf8').digest('hex');
}
