import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * One place for transactions: a command runs inside exactly one, so a failure leaves no
 * half-written rows. Serialization failures and deadlocks are retried a few times.
 */
@Injectable()
export class TransactionService {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (em: EntityManager) => Promise<T>, isolation: Isolation = 'READ COMMITTED'): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(isolation, work);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        const retryable = code === '40001' || code === '40P01';
        if (!retryable || attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }
}
