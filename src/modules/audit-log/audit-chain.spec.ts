import { describe, expect, it } from '@jest/globals';
import {
  canonicalContent,
  entryHash,
  GENESIS_HASH,
  personalDigest,
  verifyChain,
  type StoredAuditEntry,
} from './audit-chain.js';

function chain(n: number): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: StoredAuditEntry = {
      seq: String(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      occurredAt: '2026-03-02T09:00:00.000000Z',
      actorId: i % 2 ? null : '11111111-1111-4111-8111-111111111111',
      actorRole: i % 2 ? null : 'ADMIN',
      action: 'user.updated',
      targetType: 'user',
      targetId: 'x',
      requestId: `req-${i}`,
      change: `{"after": {"roles": ["OPERATOR"]}, "before": {"città": "${i}"}}`,
      prevHash: prev,
      hash: '',
    };
    e.hash = entryHash(prev, e);
    prev = e.hash;
    out.push(e);
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical content length-prefixes fields in UTF-8 octets and marks nulls', () => {
    const [e] = chain(1);
    expect(canonicalContent(e)).toBe(
      `1|${e.id}|2026-03-02T09:00:00.000000Z|~|~|12:user.updated|4:user|1:x|5:req-1|${Buffer.byteLength(e.change)}:${e.change}`,
    );
    expect(canonicalContent({ ...e, actorId: '' })).not.toBe(canonicalContent(e));
  });

  it('an intact chain verifies, also in batches', () => {
    const entries = chain(10);
    expect(verifyChain(entries)).toMatchObject({
      checked: 10,
      lastSeq: 10,
      firstBroken: null,
      lastHash: entries[9].hash,
    });
    const half = verifyChain(entries.slice(0, 4));
    expect(verifyChain(entries.slice(4), half)).toMatchObject({ checked: 10, firstBroken: null });
    expect(verifyChain([])).toMatchObject({ checked: 0, firstBroken: null, lastHash: GENESIS_HASH });
  });

  it('an edited entry is named, with expected and stored hash', () => {
    const entries = chain(6);
    entries[3] = { ...entries[3], change: '{"after": {"roles": ["ADMIN"]}}' };
    const r = verifyChain(entries);
    expect(r.checked).toBe(3);
    expect(r.firstBroken).toEqual({
      seq: 4,
      id: entries[3].id,
      reason: 'hash',
      expected: entryHash(entries[3].prevHash, entries[3]),
      stored: entries[3].hash,
    });
  });

  it('a rehashed edit breaks the link of the next entry', () => {
    const entries = chain(6);
    const edited = { ...entries[2], actorId: '22222222-2222-4222-8222-222222222222' };
    edited.hash = entryHash(edited.prevHash, edited);
    entries[2] = edited;
    expect(verifyChain(entries).firstBroken).toMatchObject({
      seq: 4,
      reason: 'link',
      expected: edited.hash,
      stored: entries[3].prevHash,
    });
  });

  it('a deleted entry is a seq gap', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries).firstBroken).toMatchObject({ seq: 3, reason: 'seq', expected: '2', stored: '3' });
  });

  it('personal values are digested', () => {
    expect(personalDigest('a@b.it')).toMatch(/^[0-9a-f]{64}$/);
    expect(personalDigest(null)).toBeNull();
  });
});
