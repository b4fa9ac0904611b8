import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { romeDate } from '../../../common/clock/rome-date.js';
import type { Principal } from '../../../common/access/principal.js';
import { Application } from '../application.entity.js';
import { toSummary } from '../application-views.js';
import { actionsFor } from '../case-rules.js';
import { SealedReadsService } from '../sealed-reads.service.js';
import type {
  CountDto,
  EligibilityOutcome,
  QueueItemDto,
  WorkQueueCountsDto,
  WorkQueuePageDto,
  WorkQueueQueryDto,
} from './work-queue.dto.js';
import {
  COUNT_CAP,
  measureCodes,
  queueCounts,
  queuePage,
  searchByFiscalCode,
  type QueueCount,
  type QueueRow,
} from './work-queue.repository.js';

/**
 * The officers' work queue, for the API (`GET /api/v1/cases`) and the workbench page alike:
 * the caller's territory only, sealed cases only for their MANAGERs and assigned OPERATOR,
 * filtered, sorted and paged in SQL (work-queue.repository.ts).
 */
@Injectable()
export class WorkQueueService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sealedReads: SealedReadsService,
  ) {}

  async page(actor: Principal, q: WorkQueueQueryDto): Promise<WorkQueuePageDto> {
    const { rows, total, totalExact } = await queuePage(this.db.manager, actor, q, romeDate(this.clock.now()));
    return { items: await this.items(actor, rows), total, totalExact };
  }

  /** Every measure's code: the queue's filter may name any of them (the counts show those with cases). */
  async measureCodes(): Promise<string[]> {
    return measureCodes(this.db.manager);
  }

  async counts(actor: Principal): Promise<WorkQueueCountsDto> {
    const rows = await queueCounts(this.db.manager, actor, romeDate(this.clock.now()), await this.measureCodes());
    const of = (dimension: QueueCount['dimension'], keepZero = false): CountDto[] =>
      rows
        .filter((r) => r.dimension === dimension && (keepZero || r.n > 0))
        .map((r) => ({ key: r.key, count: Math.min(r.n, COUNT_CAP), more: r.n > COUNT_CAP }));
    return {
      views: of('view', true),
      measures: of('measure'),
      ats: of('ats'),
      ambiti: of('ambito'),
      states: of('state'),
      cap: COUNT_CAP,
    };
  }

  /**
   * The cases of a codice fiscale (beneficiary or applicant) in the caller's scope, any state.
   * A sealed case found is a read of it: recorded in its access log, as every sealed read is.
   */
  async search(actor: Principal, fiscalCode: string): Promise<QueueItemDto[]> {
    const rows = await searchByFiscalCode(this.db.manager, actor, fiscalCode.toUpperCase(), romeDate(this.clock.now()));
    const items = await this.items(actor, rows);
    for (const item of items) await this.sealedReads.record(actor, item, 'search');
    return items;
  }

  /** The rows' cases with what the caller may do next (the same rules as the case view). */
  private async items(actor: Principal, rows: QueueRow[]): Promise<QueueItemDto[]> {
    if (rows.length === 0) return [];
    const cases = await this.db.getRepository(Application).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(cases.map((a) => [a.id, a]));
    const now = this.clock.now();
    return rows.map((row) => {
      const a = byId.get(row.id)!;
      return {
        ...toSummary(a, row.measure_code, now),
        possibleDuplicate: row.possible_duplicate,
        eligibilityOutcome: row.outcome as EligibilityOutcome | null,
        assigneeName: row.assignee_name,
        allowedActions: actionsFor(actor, a, now, {
          amountKnown: a.amountCents !== null || row.budget_kind === 'units',
          duplicateVisible: row.possible_duplicate,
        }),
      };
    });
  }
}
