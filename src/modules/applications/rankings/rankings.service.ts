import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { AppError } from '../../../common/errors/app-error.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import {
  compareForRanking,
  contextFromSnapshot,
  deriveFacts,
  type Facts,
  type StoredContext,
} from '../../measures/domain/index.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Role } from '../../../common/access/role.js';
import { applicationNotFound } from '../application-errors.js';
import { Application, type Funding } from '../application.entity.js';
import { amountFor, BudgetService } from '../budget/budget.service.js';
import { mayView } from '../case-access.js';
import type { RankingDto, RankingEntryDto, RankingPositionDto } from './rankings.dto.js';
import { sqlRows } from '../../../common/database/sql.js';
import { CaseTransitions } from '../case-transitions.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { allocateRanking } from '../domain/ranking-allocation.js';
import { assertManagerOf, coversManagingBody } from '../measure-staff.js';
import { APPEAL } from '../review/review.service.js';

/** Cases still under examination: a graduatoria is published only when every case is examined. */
const PENDING = [S.SUBMITTED, S.IN_REVIEW, S.INTEGRATION_REQUESTED, S.PRE_REJECTION_NOTICE];

const rankingError = (
  code:
    | 'RANKING_NOT_GRADUATORIA'
    | 'RANKING_WINDOW_OPEN'
    | 'RANKING_EXISTS'
    | 'RANKING_CASES_PENDING'
    | 'RANKING_NOT_FOUND',
  it: string,
  en: string,
  extra: Record<string, unknown> = {},
) => new AppError(code, { it, en }, extra);

/** What the ranking reads of a case. */
interface CaseRow {
  id: string;
  status: S;
  outcome: string | null;
  reasons: string | null;
  proposed_by: string | null;
  owner_id: string;
  protocol_number: string;
  protocol_year: number | null;
  protocol_seq: string | null;
  amount_cents: string | null;
  ats_code: string | null;
  ambito_code: string | null;
  funding: Funding;
}

/** One case's outcome: its ranking entry, its decision and its transition. */
interface Decision {
  app: CaseRow;
  position: number | null;
  entryStatus: 'funded' | 'waitlisted' | 'not_admitted';
  amount: number | null;
  quota: string | null;
  sortKeys: Record<string, unknown>;
  to: S;
  event: 'decide_approve' | 'decide_waitlist' | 'decide_reject';
  funding: Funding;
  reasons: string;
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
    private readonly transitions: CaseTransitions,
  ) {}

  compute(actor: Principal, code: string) {
    return this.tx.run(async (em) => {
      const { measure, version } = await inForceOrNotFound(em, code, this.clock.now());
      const def = version.definition;
      if (def.procedure.type !== 'graduatoria' || !def.ranking) {
        throw rankingError(
          'RANKING_NOT_GRADUATORIA',
          'La misura non prevede una graduatoria.',
          'The measure is not a graduatoria.',
        );
      }
      assertManagerOf(actor, version.managingBody);
      const now = this.clock.now();
      if (now < version.windowClosesAt) {
        throw rankingError(
          'RANKING_WINDOW_OPEN',
          'La graduatoria si forma dopo la chiusura del bando.',
          'The ranking is computed after the window closes.',
          { windowClosesAt: version.windowClosesAt.toISOString() },
        );
      }
      // Lock order as everywhere: the budget account first, then the cases.
      const account = await this.budget.lockAccount(em, measure.id, def.budget);
      const [existing] = (await em.query(`SELECT id FROM rankings WHERE measure_id = $1`, [measure.id])) as {
        id: string;
      }[];
      if (existing) {
        throw rankingError(
          'RANKING_EXISTS',
          'La graduatoria è già stata pubblicata.',
          'The ranking was already published.',
          { rankingId: existing.id },
        );
      }
      // One read of what the ranking needs (not whole entities: a graduatoria may hold 100,000 cases).
      const cases = (await em.query(
        `SELECT id, status, proposal->>'outcome' AS outcome, proposal->>'reasons' AS reasons, proposed_by, owner_id, protocol_number,
                protocol_year, protocol_seq, amount_cents, ats_code, ambito_code, funding
           FROM applications WHERE measure_id = $1 AND status = ANY($2::text[])
          ORDER BY protocol_year, protocol_seq FOR UPDATE`,
        [measure.id, [...PENDING, S.PROPOSED]],
      )) as CaseRow[];
      const pending = cases.filter((c) => PENDING.includes(c.status));
      if (pending.length > 0) {
        throw rankingError(
          'RANKING_CASES_PENDING',
          `Ci sono ${pending.length} domande ancora in istruttoria.`,
          `${pending.length} applications are still under examination.`,
          {
            pendingApplications: pending.map((c) => c.protocol_number),
          },
        );
      }
      if (cases.some((c) => c.proposed_by === actor.id)) {
        throw new AppError('APPLICATION_FOUR_EYES', {
          it: 'Chi ha proposto una domanda non può approvare la graduatoria che la decide (quattro occhi).',
          en: 'Who proposed a case cannot publish the ranking that decides it (four eyes).',
        });
      }
      if (cases.some((c) => c.owner_id === actor.id)) {
        throw new AppError('APPLICATION_FILER_CANNOT_DECIDE', {
          it: 'Chi ha presentato una domanda non può approvare la graduatoria che la decide (quattro occhi).',
          en: 'Who filed a case cannot publish the ranking that decides it (four eyes).',
        });
      }
      const admitted = cases.filter((c) => c.outcome === 'approve');
      const notAdmitted = cases.filter((c) => c.outcome !== 'approve');
      const amountOf = (c: CaseRow) => amountFor(account, { amountCents: c.amount_cents });
      const unknown = admitted.find((c) => amountOf(c) === null);
      if (unknown) {
        throw new AppError('APPLICATION_AMOUNT_UNKNOWN', {
          it: `Importo non determinato per la domanda ${unknown.protocol_number}.`,
          en: `Unknown amount for application ${unknown.protocol_number}.`,
        });
      }

      const facts = await this.factsOf(
        em,
        admitted.map((c) => c.id),
      );
      const entries = admitted.map((app) => ({
        app,
        facts: facts.get(app.id) ?? {},
        protocolSeq: (app.protocol_year ?? 0) * 1e10 + Number(app.protocol_seq),
      }));
      const compare = compareForRanking(def.ranking);
      entries.sort(compare);
      const available = account.total - account.reserved;
      const allocation = allocateRanking(
        entries.map((e) => ({
          id: e.app.id,
          amount: amountOf(e.app)!,
          atsCode: e.app.ats_code,
          ambitoCode: e.app.ambito_code,
        })),
        available,
        version.quotas,
      );

      const funded = allocation.filter((a) => a.status === 'funded').length;
      const [{ id: rankingId }] = (await em.query(
        `INSERT INTO rankings (measure_id, measure_version_id, criteria, quotas, unit, available, population, funded, waitlisted, not_admitted, published_by, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          measure.id,
          version.id,
          JSON.stringify(def.ranking),
          JSON.stringify(version.quotas),
          account.unit,
          available,
          cases.length,
          funded,
          allocation.length - funded,
          notAdmitted.length,
          actor.id,
          now,
        ],
      )) as { id: string }[];

      // Set-based publication: one statement per table, whatever the number of cases. The
      // rows are built here in ranking order (then the not admitted, in protocol order); each
      // statement keeps that order (WITH ORDINALITY), so serial ids follow it as before.
      const decisions: Decision[] = [];
      const fundedCases: { id: string; amount: number; position: number }[] = [];
      for (const [i, a] of allocation.entries()) {
        const { app, facts: f } = entries[i];
        const amount = amountOf(app)!;
        const sortKeys = Object.fromEntries(def.ranking.keys.map((k) => [k.fact, f[k.fact] ?? null]));
        if (a.status === 'funded') {
          fundedCases.push({ id: app.id, amount, position: a.position });
          decisions.push({
            app,
            position: a.position,
            entryStatus: 'funded',
            amount,
            quota: a.quota,
            sortKeys,
            to: S.APPROVED,
            event: 'decide_approve',
            funding: 'reserved',
            reasons: `Ammessa e finanziata: posizione ${a.position} in graduatoria / admitted and funded, ranked ${a.position}`,
          });
        } else {
          decisions.push({
            app,
            position: a.position,
            entryStatus: 'waitlisted',
            amount,
            quota: a.quota,
            sortKeys,
            to: S.WAITLISTED,
            event: 'decide_waitlist',
            funding: 'queued',
            reasons: `Ammessa non finanziata: posizione ${a.position} in graduatoria, in attesa di scorrimento / admitted, not funded now: ranked ${a.position}`,
          });
        }
      }
      for (const app of notAdmitted) {
        decisions.push({
          app,
          position: null,
          entryStatus: 'not_admitted',
          amount: null,
          quota: null,
          sortKeys: {},
          to: S.REJECTED,
          event: 'decide_reject',
          funding: app.funding,
          reasons: app.reasons ?? 'Non ammessa / not admitted',
        });
      }
      await em.query(
        `INSERT INTO ranking_entries (ranking_id, application_id, position, status, amount, quota, sort_keys)
         SELECT $1, u.id, u.position, u.status, u.amount, u.quota, u.sort_keys
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::bigint[], $6::text[], $7::jsonb[]) WITH ORDINALITY AS u(id, position, status, amount, quota, sort_keys, ord)
          ORDER BY u.ord`,
        [
          rankingId,
          decisions.map((d) => d.app.id),
          decisions.map((d) => d.position),
          decisions.map((d) => d.entryStatus),
          decisions.map((d) => d.amount),
          decisions.map((d) => d.quota),
          decisions.map((d) => JSON.stringify(d.sortKeys)),
        ],
      );
      if (
        !(await this.budget.reserveMany(
          em,
          account,
          fundedCases.map((c) => ({
            applicationId: c.id,
            amount: c.amount,
            reason: `graduatoria, posizione ${c.position}`,
          })),
          actor,
        ))
      ) {
        throw new Error('ranking allocation exceeded the budget');
      }
      await this.decideAll(em, actor, rankingId, decisions, now);
      return this.view(em, rankingId);
    });
  }

  async get(actor: Principal, code: string, id: string) {
    const { version } = await inForceOrNotFound(this.db.manager, code, this.clock.now());
    const isStaff = hasRole(actor, Role.OPERATOR, Role.MANAGER) && coversManagingBody(actor, version.managingBody);
    if (!isStaff && !hasRole(actor, Role.AUDITOR)) throw this.notFound();
    const [row] = (await this.db.query(
      `SELECT r.id FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1 AND m.code = $2`,
      [id, code],
    )) as { id: string }[];
    if (!row) throw this.notFound();
    return this.view(this.db.manager, id);
  }

  /** An applicant's own place in the published ranking, through their application. */
  async positionOf(actor: Principal, applicationId: string): Promise<RankingPositionDto> {
    const app = await this.db.getRepository(Application).findOneBy({ id: applicationId });
    if (!app || !mayView(actor, app)) throw applicationNotFound();
    const [entry] = await sqlRows<Omit<RankingPositionDto, 'caseStatus'>>(
      this.db.manager,
      `SELECT e.ranking_id AS "rankingId", r.published_at AS "publishedAt", e.position, r.population AS "rankedApplications", e.status, e.amount::float8 AS amount
         FROM ranking_entries e JOIN rankings r ON r.id = e.ranking_id WHERE e.application_id = $1`,
      [applicationId],
    );
    if (!entry) throw this.notFound();
    return { ...entry, caseStatus: app.status };
  }

  private async view(em: EntityManager, id: string): Promise<RankingDto> {
    const [ranking] = await sqlRows<Omit<RankingDto, 'entries'>>(
      em,
      `SELECT r.id, m.code AS "measureCode", r.measure_version_id AS "measureVersionId", r.criteria, r.quotas, r.unit, r.available::float8 AS available,
              r.population, r.funded, r.waitlisted, r.not_admitted AS "notAdmitted", r.published_by AS "publishedBy", r.published_at AS "publishedAt"
         FROM rankings r JOIN measures m ON m.id = r.measure_id WHERE r.id = $1`,
      [id],
    );
    const entries = await sqlRows<RankingEntryDto>(
      em,
      `SELECT e.position, e.application_id AS "applicationId", a.protocol_number AS "protocolNumber", e.status, e.amount::float8 AS amount, e.quota,
              e.sort_keys AS "sortKeys", a.status AS "caseStatus"
         FROM ranking_entries e JOIN applications a ON a.id = e.application_id
        WHERE e.ranking_id = $1 ORDER BY e.position ASC NULLS LAST, a.protocol_year, a.protocol_seq`,
      [id],
    );
    return { ...ranking, entries };
  }

  /**
   * Derived facts from each case's latest eligibility snapshot: the submission's, or the last
   * re-evaluation after an integration answer corrected the data.
   */
  private async factsOf(em: EntityManager, ids: string[]): Promise<Map<string, Facts>> {
    if (ids.length === 0) return new Map();
    const rows = (await em.query(
      `SELECT e.application_id, coalesce(r.inputs, e.inputs) AS inputs, coalesce(r.context, e.context) AS context, e.application_date::text AS application_date
         FROM eligibility_decisions e
         LEFT JOIN LATERAL (SELECT inputs, context FROM eligibility_reevaluations x WHERE x.application_id = e.application_id ORDER BY x.id DESC LIMIT 1) r ON true
        WHERE e.application_id = ANY($1)`,
      [ids],
    )) as {
      application_id: string;
      inputs: Record<string, unknown>;
      context: StoredContext;
      application_date: string;
    }[];
    return new Map(
      rows.map((row) => [
        row.application_id,
        deriveFacts(row.inputs, contextFromSnapshot({ applicationDate: row.application_date, context: row.context }))
          .facts,
      ]),
    );
  }

  /**
   * Applies the ranking to its cases: one UPDATE of the decisions, then the set-based move
   * (status, transitions, one audit entry per case naming the ranking).
   */
  private async decideAll(em: EntityManager, actor: Principal, rankingId: string, decisions: Decision[], now: Date) {
    if (decisions.length === 0) return;
    const ids = decisions.map((d) => d.app.id);
    const to = decisions.map((d) => d.to);
    const reasons = decisions.map((d) => d.reasons);
    const positions = decisions.map((d) => d.position);
    const quotas = decisions.map((d) => d.quota);
    const funding = decisions.map((d) => d.funding);
    await em.query(
      `UPDATE applications a SET
         funding = u.funding,
         reserved_amount = CASE WHEN u.to_status = 'APPROVED' THEN u.amount ELSE a.reserved_amount END,
         queue_position = CASE WHEN u.to_status = 'WAITLISTED' THEN u.position ELSE a.queue_position END,
         decision = jsonb_build_object(
           'outcome', u.to_status, 'reasons', u.reasons, 'observationsAssessment', NULL, 'appeal', $8::jsonb,
           'amountCents', CASE WHEN u.to_status = 'APPROVED' THEN a.amount_cents END, 'decidedAt', $9::text,
           'ranking', jsonb_build_object('rankingId', $10::uuid, 'position', u.position, 'quota', u.quota)),
         decided_by = $11, decided_at = $12, suspended_since = NULL
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::bigint[]) AS u(id, to_status, reasons, position, quota, funding, amount)
       WHERE a.id = u.id`,
      [
        ids,
        to,
        reasons,
        positions,
        quotas,
        funding,
        decisions.map((d) => (d.to === S.APPROVED ? d.amount : null)),
        JSON.stringify(APPEAL),
        now.toISOString(),
        rankingId,
        actor.id,
        now,
      ],
    );
    await this.transitions.moveMany(
      em,
      actor,
      decisions.map((d) => ({
        id: d.app.id,
        from: d.app.status,
        event: d.event,
        reason: d.reasons,
        details: { rankingId, position: d.position, quota: d.quota, funding: d.funding },
        audited: { rankingId },
      })),
    );
  }

  private notFound() {
    return rankingError('RANKING_NOT_FOUND', 'Graduatoria non trovata.', 'Ranking not found.');
  }
}
