import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { formatProtocolNumber } from './domain/protocol-number.js';

export interface ProtocolEntry {
  year: number;
  seq: number;
  number: string;
  receivedAt: Date;
}

/**
 * The protocol register (registro di protocollo). The counter row of the year is incremented
 * inside the submitting transaction and stays locked until it commits: a rolled-back
 * submission gives its number back, so numbers have no gaps; and the receipt time is taken
 * under the lock, never earlier than the previous one, so it increases with the number.
 * Call it last in the transaction: the lock is held until commit.
 */
@Injectable()
export class ProtocolService {
  async register(em: EntityManager, now: Date): Promise<ProtocolEntry> {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(now));
    const [row] = (await em.query(
      `INSERT INTO protocol_counters (year, last_seq, last_received_at) VALUES ($1, 1, $2)
       ON CONFLICT (year) DO UPDATE
         SET last_seq = protocol_counters.last_seq + 1,
             last_received_at = greatest(protocol_counters.last_received_at, EXCLUDED.last_received_at)
       RETURNING last_seq, last_received_at`,
      [year, now],
    )) as { last_seq: string; last_received_at: Date }[];
    const seq = Number(row.last_seq);
    return { year, seq, number: formatProtocolNumber(year, seq), receivedAt: new Date(row.last_received_at) };
  }
}
