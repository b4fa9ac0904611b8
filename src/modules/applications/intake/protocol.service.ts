import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sqlRows } from '../../../common/database/sql.js';

export interface Registration {
  applicationId: string;
  measureId: string;
  now: Date;
  actorId: string;
  /** As case-transitions.ts writes it (actorRoleOf): the same for the transition and its audit entry. */
  actorRole: string;
  /** Book the amount in protocol order (a sportello). */
  book: boolean;
  amount: number | null;
  eligibility: string;
  requestId: string | null;
}

export interface Registered {
  protocolNumber: string;
  receivedAt: Date;
  receivedDate: string;
  funding: 'none' | 'reserved' | 'queued';
  version: number;
}

/**
 * The protocol register (registro di protocollo), written by ONE statement that is the last of
 * the submitting transaction: it increments the counter row of the year (locked until commit,
 * so a rolled-back submission gives its number back: no gaps), takes the receipt time under
 * that lock as greatest(now, previous receipt) (so receipt times increase with the number),
 * books the money for an a-sportello measure if it fits and nobody is queued before (so booking
 * follows protocol order), records the movement, the transition and its audit entry (as CaseTransitions.move writes
 * them, transition id included), and
 * registers the case.
 * One round trip holds the lock, which is what bounds click-day throughput.
 * The number's format (year-0000123, at least 7 digits) is a generated column of the table.
 */
@Injectable()
export class ProtocolService {
  async register(em: EntityManager, r: Registration): Promise<Registered> {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(r.now));
    const [registered] = await sqlRows<Registered>(
      em,
      `WITH counter AS (
         INSERT INTO protocol_counters (year, last_seq, last_received_at) VALUES ($1, 1, $2)
         ON CONFLICT (year) DO UPDATE
           SET last_seq = protocol_counters.last_seq + 1,
               last_received_at = greatest(protocol_counters.last_received_at, EXCLUDED.last_received_at)
         RETURNING last_seq, last_received_at
       ), booking AS (
         UPDATE budget_accounts SET reserved = reserved + $6
          WHERE $5 AND $6::bigint IS NOT NULL AND measure_id = $4 AND reserved + $6 <= total
            AND NOT EXISTS (SELECT 1 FROM applications q WHERE q.measure_id = $4 AND q.funding = 'queued')
         RETURNING id, reserved, total
       ), movement AS (
         INSERT INTO budget_movements (account_id, application_id, kind, amount, reserved_after, total_after, actor_id, reason, at)
         SELECT b.id, $3, 'reserve', $6, b.reserved, b.total, $7, 'booking in protocol order', c.last_received_at FROM booking b, counter c
       ), transition AS (
         INSERT INTO application_transitions (application_id, from_status, to_status, event, actor_id, actor_role, details, at)
         SELECT $3, 'DRAFT', 'SUBMITTED', 'submit', $7, $8, jsonb_build_object('protocolSeq', c.last_seq, 'eligibility', $9::text), c.last_received_at
           FROM counter c
         RETURNING id
       ), audit AS (
         INSERT INTO audit_log (occurred_at, actor_id, actor_role, action, target_type, target_id, request_id, change)
         SELECT c.last_received_at, $7, $8, 'application.transitioned', 'application', $3, $10,
                jsonb_build_object('event', 'submit', 'from', 'DRAFT', 'to', 'SUBMITTED', 'transitionId', t.id::text, 'protocolSeq', c.last_seq)
           FROM counter c, transition t
       )
       UPDATE applications a SET
         status = 'SUBMITTED', protocol_year = $1, protocol_seq = c.last_seq,
         received_at = c.last_received_at, received_date = (c.last_received_at AT TIME ZONE 'Europe/Rome')::date,
         funding = CASE WHEN EXISTS (SELECT 1 FROM booking) THEN 'reserved' WHEN $5 THEN 'queued' ELSE 'none' END,
         reserved_amount = CASE WHEN EXISTS (SELECT 1 FROM booking) THEN $6 ELSE 0 END,
         version = a.version + 1, updated_at = $2
         FROM counter c
        WHERE a.id = $3
       RETURNING a.protocol_number AS "protocolNumber", a.received_at AS "receivedAt",
                 a.received_date::text AS "receivedDate", a.funding, a.version`,
      [year, r.now, r.applicationId, r.measureId, r.book, r.amount, r.actorId, r.actorRole, r.eligibility, r.requestId],
    );
    return registered;
  }
}
