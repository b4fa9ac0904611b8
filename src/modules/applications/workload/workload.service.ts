import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { romeDate } from '../../../common/clock/rome-date.js';
import { AppError } from '../../../common/errors/app-error.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { officerLoad, overdueCases, type OfficerLoadRow, type OverdueCaseRow } from './workload.repository.js';

/** "Due soon": within this many days, as the work queue's filter. */
export const DUE_SOON_DAYS = 5;
/** The overdue list shows at most this many cases (the work queue pages the rest). */
const OVERDUE_LIMIT = 200;

export interface TeamWorkload {
  today: string;
  officers: OfficerLoadRow[];
  overdue: OverdueCaseRow[];
}

/**
 * The team's workload for a MANAGER: per officer of the manager's territory, the open cases in
 * charge, overdue and due soon, and the overdue cases themselves, all over the cases the
 * manager may see (the API's visibility rule).
 */
@Injectable()
export class WorkloadService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async team(actor: Principal): Promise<TeamWorkload> {
    if (!hasRole(actor, Role.MANAGER)) {
      throw new AppError('FORBIDDEN', {
        it: 'Solo il responsabile del procedimento vede i carichi di lavoro.',
        en: 'Only a MANAGER sees the team workload.',
      });
    }
    const today = romeDate(this.clock.now());
    const [officers, overdue] = await Promise.all([
      officerLoad(this.db.manager, actor, today, DUE_SOON_DAYS),
      overdueCases(this.db.manager, actor, today, OVERDUE_LIMIT),
    ]);
    return { today, officers, overdue };
  }
}
