import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { insertRow } from '../../common/database/insert-row.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { AppError } from '../../common/errors/app-error.js';
import { hasRole, type Principal } from '../auth/principal.js';
import { compareForRanking, deriveFacts, type Facts, type RankingEntry } from '../measures/domain/index.js';
import type { MunicipalityInfo } from '../measures/domain/derive-facts.js';
import { measureNotFound } from '../measures/measure-errors.js';
import type { MeasureVersion } from '../measures/measure-version.entity.js';
import { inForceQuery } from '../measures/measure-versions.repository.js';
import { Measure } from '../measures/measure.entity.js';
import { Role } from '../users/role.js';
import { applicationNotFound } from './application-errors.js';
import { ApplicationTransition } from './application-records.entity.js';
import { Application } from './application.entity.js';
import { amountFor, BudgetService } from './budget.service.js';
import { mayView } from './case-access.js';
import { ApplicationStatus as S } from './domain/application-status.js';
import { allocateRanking } from './domain/ranking-allocation.js';
import { assertManagerOf, coversManagingBody } from './measure-staff.js';
import { APPEAL } from './review.service.js';

/** Cases still under examination: a graduatoria is published only when every case is examined. */
const PENDING = [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PRE_REJECTION_NOTICE];

const rankingError = (code: 'RANKING_NOT_GRADUATORIA' | 'RANKING_WINDOW_OPEN' | 'RANKING_EXISTS' | 'RANKING_CASES_PENDING' | 'RANKING_NOT_FOUND', it: string, en: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, { it, en }, extra);

interface EntryRow {
  application_id: string;
  position: number | null;
  status: 'funded' | 'waitlisted' | 'not_admitted';
  amount: string | null;
  quota: string | null;
  sort_keys: Record<string, unknown>;
  protocol_number: string;
  case_status: string;
}

/**
 * Graduatorie: computed once, after the window closes, from the eligibility snapshots of the
 * cases the officers proposed; published frozen (the database refuses any change) and applied
 * to the cases in the same transaction.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly budget: BudgetService,
  ) {}

  compute(actor: Principal, code: string) {
    return this.tx.run(async (em) => {
      const { measure, version } = await this.inForce(em, code);
      const def = version.definition;
      if (def.procedure.type !== 'graduatoria' || !def.ranking) {
        throw rankingError('RANKING_NOT_GRADUATORIA', 'La misura non prevede una graduatoria.', 'The measure is not a graduatoria.');
      }
      assertManagerOf(actor, version.managingBody);
      const now = this.clock.now();
      if (now < version.windowClosesAt) {
        throw rankingError('RANKING_WINDOW_OPEN', 'La graduatoria si forma dopo la chiusura del bando.', 'The ranking is computed after the window closes.', { windowClosesAt: version.windowClosesAt.toISOString() });
      }
      // Lock order as everywhere: the budget account first, then the cases.
      const account = await this.budget.lockAccount(em, measure.id, def.budget);
      const [existing] = (await em.query(`SELECT id FROM rankings WHERE measure_id = $1`, [measure.id])) as { id: string }[];
      if (existing) throw rankingError('RANKING_EXISTS', 'La graduatoria è già stata pubblicata.', 'The ranking was already published.', { rankingId: existing.id });
      const cases = await em.find(Application, {
        where: { measureId: measure.id, status: In([...PENDING, S.PROPOSED]) },
        lock: { mode: 'pessimistic_write' },
        order: { protocolYear: 'ASC', protocolSeq: 'ASC' },
      });
      const pending = cases.filter((c) => PENDING.includes(c.status));
      if (pending.length > 0) {
        throw rankingError('RANKING_CASES_PENDING', `Ci sono ${pending.length} domande ancora in istruttoria.`, `${pending.length} applications are still under examination.`, {
          pendingApplications: pending.map((c) => c.protocolNumber),
        });
      }
      if (cases.some((c) => c.proposedBy === actor.id)) {
        throw new AppError('APPLICATION_FOUR_EYES', {
          it: 'Chi ha proposto una domanda non può approvare la graduatoria che la decide (quattro occhi).',
          en: 'Who proposed a case cannot publish the ranking that decides it (four eyes).',
        });
      }
      const admitted = cases.filter((c) => c.proposal?.outcome === 'approve');
      const notAdmitted = cases.filter((c) => c.proposal?.outcome !== 'approve');
      const unknown = admitted.find((c) => amountFor(account, c) === null);
      if (unknown) {
        throw new AppError('APPLICATION_AMOUNT_UNKNOWN', { it: `Importo non determinato per la domanda ${unknown.protocolNumber}.`, en: `Unknown amount for application ${unknown.protocolNumber}.` });
      }

      const facts = await this.factsOf(em, admitted.map((c) => c.id));
      const entries = admitted.map((app) => ({ app, facts: facts.get(app.id) ?? {}, protocolSeq: (app.protocolYear ?? 0) * 1e10 + Number(app.protocolSeq) }));
      const compare = compareForRanking(def.ranking);
      entries.sort((a, b) => compare(a as RankingEntry, b as RankingEntry));
      const available = account.total - account.reserved;
      const allocation = allocateRanking(
        entries.map((e) => ({ id: e.app.id, amount: amountFor(account, e.app)!, atsCode: e.app.atsCode, ambitoCode: e.app.ambitoCode })),
        available,
        version.quotas,
      );

      const funded = allocation.filter((a) => a.status === 'funded').length;
      const [{ id: rankingId }] = (await em.query(
        `INSERT INTO rankings (measure_id, measure_version_id, criteria, quotas, unit, available, population, funded, waitlisted, not_admitted, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [measure.id, version.id, JSON.stringify(def.ranking), JSON.stringify(version.quotas), account.unit, available, cases.length, funded, allocation.length - funded, notAdmitted.length, actor.id, now],
      )) as { id: string }[];

      const by = { id: actor.id, role: Role.MANAGER };
      for (const [i, a] of allocation.entries()) {
        const { app, facts: f } = entries[i];
        const amount = amountFor(account, app)!;
        const sortKeys = Object.fromEntries(def.ranking.keys.map((k) => [k.fact, f[k.fact] ?? null]));
        await this.insertEntry(em, rankingId, app.id, a.position, a.status, amount, a.quota, sortKeys);
        const ranking = { rankingId, position: a.position, quota: a.quota };
        if (a.status === 'funded') {
          if (!(await this.budget.reserve(em, account, app, amount, by, `graduatoria, posizione ${a.position}`))) throw new Error('ranking allocation exceeded the budget');
          await this.decide(em, actor, app, S.APPROVED, 'decide_approve', `Ammessa e finanziata: posizione ${a.position} in graduatoria / admitted and funded, ranked ${a.position}`, ranking);
        } else {
          app.funding = 'queued';
          app.queuePosition = a.position;
          await this.decide(em, actor, app, S.WAITLISTED, 'decide_waitlist', `Ammessa non finanziata: posizione ${a.position} in graduatoria, in attesa di scorrimento / admitted, not funded now: ranked ${a.position}`, ranking);
        }
      }
      for (const app of notAdmitted) {
        await this.insertEntry(em, rankingId, app.id, null, 'not_admitted', null, null, {});
        await this.decide(em, actor, app, S.REJECTED, 'decide_reject', app.proposal?.reasons ?? 'Non ammessa / not admitted', { rankingId, position: null, quota: null });
      }
      return this.view(em, rankingId);
    });
  }

  async get(actor: Principal, code: string, id: string) {
    const { version } = await this.inForce(this.db.manager, code);
    const isStaff = hasRole(actor, Role.OPERATOR, Role.MANAGER) && coversManagingBody(actor, version.managingBody);
    if (!isStaff && !hasRole(actor, Role.AUDITOR)) throw this.notFound();
    const [row] = (await this.db.query(`SELECT r.id FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1 AND m.code = $2`, [id, code])) as { id: string }[];
    if (!row) throw this.notFound();
    return this.view(this.db.manager, id);
  }

  /** An applicant's own place in the published ranking, through their application. */
  async positionOf(actor: Principal, applicationId: string) {
    const app = await this.db.getRepository(Application).findOneBy({ id: applicationId });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    const [entry] = (await this.db.query(
      `SELECT e.ranking_id, e.position, e.status, e.amount, r.published_at, r.population
         FROM ranking_entries e JOIN rankings r ON r.id = e.ranking_id WHERE e.application_id = $1`,
      [applicationId],
    )) as { ranking_id: string; position: number | null; status: string; amount: string | null; published_at: Date; population: number }[];
    if (!entry) throw this.notFound();
    return {
      rankingId: entry.ranking_id,
      publishedAt: entry.published_at,
      position: entry.position,
      rankedApplications: entry.population,
      status: entry.status,
      amount: entry.amount === null ? null : Number(entry.amount),
      caseStatus: app.status,
    };
  }

  private async view(em: EntityManager, id: string) {
    const [r] = (await em.query(`SELECT r.*, m.code FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1`, [id])) as Record<string, unknown>[];
    const entries = (await em.query(
      `SELECT e.application_id, e.position, e.status, e.amount, e.quota, e.sort_keys, a.protocol_number, a.status AS case_status
         FROM ranking_entries e JOIN applications a ON a.id = e.application_id
        WHERE e.ranking_id = $1 ORDER BY e.position ASC NULLS LAST, a.protocol_year, a.protocol_seq`,
      [id],
    )) as EntryRow[];
    return {
      id: r.id,
      measureCode: r.code,
      measureVersionId: r.measure_version_id,
      criteria: r.criteria,
      quotas: r.quotas,
      unit: r.unit,
      available: Number(r.available),
      population: r.population,
      funded: r.funded,
      waitlisted: r.waitlisted,
      notAdmitted: r.not_admitted,
      publishedBy: r.published_by,
      publishedAt: r.published_at,
      entries: entries.map((e) => ({
        position: e.position,
        applicationId: e.application_id,
        protocolNumber: e.protocol_number,
        status: e.status,
        amount: e.amount === null ? null : Number(e.amount),
        quota: e.quota,
        sortKeys: e.sort_keys,
        caseStatus: e.case_status,
      })),
    };
  }

  private async inForce(em: EntityManager, code: string): Promise<{ measure: Measure; version: MeasureVersion }> {
    const measure = await em.findOneBy(Measure, { code });
    const version = measure && (await inForceQuery(em, this.clock.now()).andWhere('v.measure_id = :id', { id: measure.id }).getOne());
    if (!measure || !version) throw measureNotFound();
    return { measure, version };
  }

  /** Derived facts from the stored eligibility snapshot: the inputs and context of submission. */
  private async factsOf(em: EntityManager, ids: string[]): Promise<Map<string, Facts>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(`SELECT application_id, inputs, context, application_date::text AS application_date FROM eligibility_decisions WHERE application_id = ANY($1)`, [ids])) as {
      application_id: string;
      inputs: Record<string, unknown>;
      context: { residenceIstatCode: string | null; residence: MunicipalityInfo | null };
      application_date: string;
    }[];
    return new Map(
      rows.map((row) => [
        row.application_id,
        deriveFacts(row.inputs, {
          applicationDate: row.application_date,
          municipality: (c: string) => (c === row.context.residenceIstatCode ? row.context.residence : null),
        }).facts,
      ]),
    );
  }

  private async insertEntry(em: EntityManager, rankingId: string, applicationId: string, position: number | null, status: string, amount: number | null, quota: string | null, sortKeys: Record<string, unknown>) {
    await em.query(`INSERT INTO ranking_entries (ranking_id, application_id, position, status, amount, quota, sort_keys) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      rankingId, applicationId, position, status, amount, quota, JSON.stringify(sortKeys),
    ]);
  }

  private async decide(em: EntityManager, actor: Principal, app: Application, to: S, event: string, reasons: string, ranking: Record<string, unknown>) {
    const now = this.clock.now();
    const from = app.status;
    app.status = to;
    app.decision = {
      outcome: to,
      reasons,
      observationsAssessment: null,
      appeal: APPEAL,
      amountCents: to === S.APPROVED && app.amountCents !== null ? Number(app.amountCents) : null,
      decidedAt: now.toISOString(),
      ranking,
    };
    app.decidedBy = actor.id;
    app.decidedAt = now;
    app.suspendedSince = null;
    app.updatedAt = now;
    await em.save(Application, app);
    await insertRow(em, ApplicationTransition, {
      applicationId: app.id,
      fromStatus: from,
      toStatus: to,
      event,
      actorId: actor.id,
      actorRole: actor.roles.join(','),
      reason: reasons,
      details: { ...ranking, funding: app.funding },
      at: now,
    });
  }

  private notFound() {
    return rankingError('RANKING_NOT_FOUND', 'Graduatoria non trovata.', 'Ranking not found.');
  }
}
