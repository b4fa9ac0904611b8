import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import type { Principal } from '../auth/principal.js';
import { Measure } from '../measures/measure.entity.js';
import { applicationNotFound } from './application-errors.js';
import { ApplicationAccess, ApplicationSnapshot, ApplicationTransition, EligibilityDecision } from './application-records.entity.js';
import { Application } from './application.entity.js';
import { toDto, toSummary } from './application-views.js';
import { mayView, staffVisibilityParams, VISIBLE_TO_STAFF_SQL } from './case-access.js';
import type { ApplicationDto, WorkQueueQueryDto } from './dto/application.dto.js';
import { SealedReadsService } from './sealed-reads.service.js';

/** Reading cases: one's own, or the officer's work queue; every read of a sealed case recorded. */
@Injectable()
export class CaseReadsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sealedReads: SealedReadsService,
  ) {}

  async get(actor: Principal, id: string): Promise<ApplicationDto> {
    const app = await this.db.getRepository(Application).findOneBy({ id });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    await this.sealedReads.record(actor, app, 'read');
    const measure = await this.db.getRepository(Measure).findOneByOrFail({ id: app.measureId });
    const decision = await this.db.getRepository(EligibilityDecision).findOneBy({ applicationId: id });
    const eligibility = decision ? { outcome: decision.outcome, rules: decision.explanation, benefit: decision.benefit, ruleVersionHash: decision.ruleVersionHash } : null;
    const snapshot = await this.db.getRepository(ApplicationSnapshot).findOneBy({ applicationId: id });
    return { ...toDto(app, measure.code, this.clock.now(), eligibility), missingDocuments: snapshot?.missingDocuments ?? [] };
  }

  /** The view of a case just changed by its caller (no extra access record: the change is one). */
  async present(app: Application): Promise<ApplicationDto> {
    const measure = await this.db.getRepository(Measure).findOneByOrFail({ id: app.measureId });
    return toDto(app, measure.code, this.clock.now(), null);
  }

  async history(actor: Principal, id: string) {
    const app = await this.db.getRepository(Application).findOneBy({ id });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    await this.sealedReads.record(actor, app, 'read_history');
    const rows = await this.db.getRepository(ApplicationTransition).find({ where: { applicationId: id }, order: { id: 'ASC' } });
    return rows.map((t) => ({ from: t.fromStatus, to: t.toStatus, event: t.event, actorId: t.actorId, actorRole: t.actorRole, reason: t.reason, details: t.details, at: t.at.toISOString() }));
  }

  /** The access record of a sealed case, for the staff who may see it. */
  async accessLog(actor: Principal, id: string) {
    const app = await this.db.getRepository(Application).findOneBy({ id });
    if (!app || !mayView(actor, app) || app.ownerId === actor.id) throw applicationNotFound();
    const rows = await this.db.getRepository(ApplicationAccess).find({ where: { applicationId: id }, order: { id: 'ASC' } });
    return rows.map((r) => ({ actorId: r.actorId, actorRole: r.actorRole, action: r.action, requestId: r.requestId, at: r.at.toISOString() }));
  }

  async mine(actor: Principal) {
    const rows = await this.db
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Measure, 'm', 'm.id = a.measure_id')
      .addSelect('m.code', 'measure_code')
      .where('a.owner_id = :me', { me: actor.id })
      .orderBy('a.created_at', 'DESC')
      .getRawAndEntities();
    const now = this.clock.now();
    return rows.entities.map((a, i) => toSummary(a, rows.raw[i].measure_code as string, now));
  }

  /** The officers' work queue: their territory only, sealed cases only if theirs; by days left. */
  async workQueue(actor: Principal, q: WorkQueueQueryDto) {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(this.clock.now());
    // Days left: to the deadline (received + days + suspended), frozen at a running suspension's start.
    const daysLeftSql = `((a.received_date + a.deadline_days + a.suspended_days) - coalesce(a.suspended_since, :today::date))`;
    const qb = this.db
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Measure, 'm', 'm.id = a.measure_id')
      .addSelect('m.code', 'measure_code')
      .where(VISIBLE_TO_STAFF_SQL, { ...staffVisibilityParams(actor), today });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    else qb.andWhere(`a.status IN ('SUBMITTED','IN_REVIEW','INTEGRATION_REQUESTED','PROPOSED','PRE_REJECTION_NOTICE')`);
    if (q.measureCode) qb.andWhere('m.code = :code', { code: q.measureCode });
    if (q.atsCode) qb.andWhere('a.ats_code = :atsCode', { atsCode: q.atsCode });
    if (q.ambitoCode) qb.andWhere('a.ambito_code = :ambitoCode', { ambitoCode: q.ambitoCode });
    if (q.overdue === 'true') qb.andWhere(`${daysLeftSql} < 0 AND a.suspended_since IS NULL`);
    if (q.sort === 'received_at') qb.orderBy('a.protocol_year', 'ASC').addOrderBy('a.protocol_seq', 'ASC');
    else qb.orderBy(daysLeftSql, 'ASC').addOrderBy('a.protocol_year', 'ASC').addOrderBy('a.protocol_seq', 'ASC');
    const total = await qb.getCount();
    const rows = await qb.offset(q.offset).limit(q.limit).getRawAndEntities();
    const now = this.clock.now();
    return { items: rows.entities.map((a, i) => toSummary(a, rows.raw[i].measure_code as string, now)), total };
  }
}
