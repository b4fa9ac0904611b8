import { createHmac } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { AuditorErrors } from './auditor.errors.js';
import { AppConfig } from '../../config/app-config.js';
import { EligibilityDecision } from '../applications/application-records.entity.js';
import { AuditService } from '../audit-log/audit.service.js';
import type { Principal } from '../../common/access/principal.js';
import { assess, contextFromSnapshot } from '../measures/domain/index.js';
import { MeasureVersion } from '../measures/measure-version.entity.js';
import { versionContentHash } from '../measures/measure-version-content.js';
import type { DecisionFiltersDto, DecisionSearchDto } from './auditor.dto.js';
import { csvLine } from '../../common/csv/csv.js';
import {
  DECISION_FROM,
  decisionPageSql,
  decisionWhere,
  decodeCursor,
  encodeCursor,
  type Cursor,
  type DecisionRow,
} from './decision-query.js';
import { REVEALS_HEALTH_OR_HARDSHIP_SQL, revealsHealthOrHardship } from './health-or-hardship.js';
import { Pseudonymiser } from './pseudonymiser.js';
import { transparencyCsv } from './transparency-export.js';

export const CSV_HEADER = [
  'id',
  'protocol_number',
  'measure_code',
  'measure_version',
  'status',
  'received_at',
  'decided_at',
  'eligibility',
  'rule_version_hash',
  'amount_cents',
  'ats_code',
  'ambito_code',
  'proposed_by',
  'decided_by',
  'beneficiary_pseudonym',
];

export interface Difference {
  path: string;
  stored: unknown;
  recomputed: unknown;
}

/** JSON as PostgreSQL's jsonb returns it (undefined keys dropped), for comparisons. */
const asJson = (v: unknown) => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as unknown));

/** Every path where two JSON values differ (object keys unordered, arrays ordered). */
export function diffJson(stored: unknown, recomputed: unknown, path = ''): Difference[] {
  if (isDeepStrictEqual(stored, recomputed)) return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object';
  if (Array.isArray(stored) && Array.isArray(recomputed)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(stored.length, recomputed.length); i++) {
      out.push(...diffJson(stored[i] ?? null, recomputed[i] ?? null, `${path}[${i}]`));
    }
    return out;
  }
  if (isObj(stored) && isObj(recomputed) && !Array.isArray(stored) && !Array.isArray(recomputed)) {
    const a = stored as Record<string, unknown>;
    const b = recomputed as Record<string, unknown>;
    return [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .sort()
      .flatMap((k) => diffJson(a[k] ?? null, b[k] ?? null, path ? `${path}.${k}` : k));
  }
  return [{ path: path || '$', stored, recomputed }];
}

/** AUDITOR: search, snapshot, re-run and export of decisions; pseudonymised unless disclosed. */
@Injectable()
export class AuditorDecisionsService {
  readonly pseudonymiser: Pseudonymiser;

  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    // AppConfig requires the key in production; elsewhere it is derived from the JWT secret.
    const key =
      config.AUDIT_PSEUDONYM_KEY ||
      createHmac('sha256', config.JWT_ACCESS_SECRET).update('audit-pseudonym').digest('hex');
    this.pseudonymiser = new Pseudonymiser(key);
  }

  private present(r: DecisionRow) {
    return {
      id: r.id,
      protocolNumber: r.protocol_number,
      measureCode: r.measure_code,
      measureVersion: r.measure_version,
      status: r.status,
      receivedAt: r.received_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
      eligibility: r.eligibility,
      ruleVersionHash: r.rule_version_hash,
      amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
      atsCode: r.ats_code,
      ambitoCode: r.ambito_code,
      proposedBy: r.proposed_by,
      decidedBy: r.decided_by,
      sealed: r.sealed,
      beneficiaryPseudonym: r.beneficiary_fiscal_code ? this.pseudonymiser.pseudonym(r.beneficiary_fiscal_code) : null,
    };
  }

  /** The art. 26–27 transparency export (ADMIN, AUDITOR), streamed, under this export's pseudonyms. */
  transparencyCsv(): AsyncGenerator<string> {
    return transparencyCsv(this.db, this.pseudonymiser);
  }

  async search(actor: Principal, q: DecisionSearchDto) {
    const { sql, params } = decisionPageSql(q, q.limit + 1, q.after ? decodeCursor(q.after) : undefined);
    const rows = (await this.db.query(sql, params)) as DecisionRow[];
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    await this.recordListing(actor, 'auditor.search', q, {
      rows: page.length,
      sealed: page.filter((r) => r.sealed).length,
      healthRelated: page.filter((r) => r.reveals_health_or_hardship).length,
    });
    return {
      items: page.map((r) => this.present(r)),
      nextAfter: rows.length > q.limit && last ? encodeCursor({ receivedAt: last.received_key, id: last.id }) : null,
    };
  }

  /**
   * CSV lines, header first, read in keyset batches: memory stays one batch whatever the
   * size. Consumed as a pull stream, so a slow client slows the queries (backpressure). The
   * first step counts what the export includes, records it when sealed or health-related
   * decisions are in it, and reads the first batch, before the header is yielded.
   */
  async *csv(actor: Principal, f: DecisionFiltersDto, batch = 2000): AsyncGenerator<string> {
    const { where, params: countParams } = decisionWhere(f);
    const [counts] = (await this.db.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE a.sealed)::int AS sealed,
              count(*) FILTER (WHERE ${REVEALS_HEALTH_OR_HARDSHIP_SQL})::int AS "healthRelated"
         ${DECISION_FROM} ${where}`,
      countParams,
    )) as { rows: number; sealed: number; healthRelated: number }[];
    await this.recordListing(actor, 'auditor.export', f, counts);
    let after: Cursor | undefined;
    let header = csvLine(CSV_HEADER);
    for (;;) {
      const { sql, params } = decisionPageSql(f, batch, after);
      const rows = (await this.db.query(sql, params)) as DecisionRow[];
      let chunk = header;
      header = '';
      for (const r of rows) {
        const p = this.present(r);
        chunk += csvLine([
          p.id,
          p.protocolNumber,
          p.measureCode,
          p.measureVersion,
          p.status,
          p.receivedAt,
          p.decidedAt,
          p.eligibility,
          p.ruleVersionHash,
          p.amountCents,
          p.atsCode,
          p.ambitoCode,
          p.proposedBy,
          p.decidedBy,
          p.beneficiaryPseudonym,
        ]);
      }
      if (chunk) yield chunk;
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      after = { receivedAt: last.received_key, id: last.id };
    }
  }

  /**
   * One audit entry per search page or export that includes sealed or health-related decisions:
   * the filter and the counts, not one entry per row.
   */
  private async recordListing(
    actor: Principal,
    via: string,
    filter: DecisionFiltersDto,
    counts: { rows: number; sealed: number; healthRelated: number },
  ) {
    if (counts.sealed === 0 && counts.healthRelated === 0) return;
    await this.tx.run((em) =>
      this.audit.record(em, {
        actor,
        action: 'record.read',
        target: { type: 'decisions', id: null },
        change: { via, filter: { ...filter }, ...counts },
      }),
    );
  }

  /** The decision's full snapshot; clear data only under a live disclosure by this auditor. */
  async snapshot(actor: Principal, id: string) {
    return this.tx.run(async (em) => {
      const loaded = await this.load(em, id);
      const disclosure = await this.liveDisclosure(em, actor, id);
      const { app, decision, measureCode, version } = loaded;
      const transitions = (await em.query(
        `SELECT id, from_status, to_status, event, actor_id, actor_role, reason, details, at FROM application_transitions
          WHERE application_id = $1 ORDER BY id`,
        [id],
      )) as {
        id: string;
        from_status: string | null;
        to_status: string;
        event: string;
        actor_id: string | null;
        actor_role: string;
        reason: string | null;
        details: unknown;
        at: Date;
      }[];
      const clear = disclosure !== null;
      const r = <T>(v: T) => (clear ? v : this.pseudonymiser.redact(v));
      const snapshot = {
        id,
        pseudonymised: !clear,
        disclosedUntil: disclosure?.toISOString() ?? null,
        protocolNumber: app.protocol_number,
        measureCode,
        measureVersion: version.version,
        measureVersionId: version.id,
        sealed: app.sealed,
        healthRelated: revealsHealthOrHardship(version.definition),
        status: app.status,
        receivedAt: app.received_at.toISOString(),
        beneficiary: clear
          ? app.beneficiary_fiscal_code
          : app.beneficiary_fiscal_code && this.pseudonymiser.pseudonym(app.beneficiary_fiscal_code),
        territory: { atsCode: app.ats_code, ambitoCode: app.ambito_code },
        eligibility: {
          evaluatedAt: decision.evaluatedAt.toISOString(),
          applicationDate: decision.applicationDate,
          ruleVersionHash: decision.ruleVersionHash,
          measureVersionContentHash: version.contentHash,
          inputs: r(decision.inputs),
          context: decision.context,
          outcome: decision.outcome,
          explanation: clear
            ? decision.explanation
            : (decision.explanation as { inputs?: unknown }[]).map((e) => ({
                ...e,
                inputs: this.pseudonymiser.redact(e.inputs),
              })),
          factIssues: decision.factIssues,
          benefit: decision.benefit,
          benefitError: decision.benefitError,
        },
        amountCents: app.amount_cents === null ? null : Number(app.amount_cents),
        proposal: app.proposal ? { ...r(app.proposal), by: app.proposed_by } : null,
        decision: app.decision
          ? { ...r(app.decision), by: app.decided_by, at: app.decided_at?.toISOString() ?? null }
          : null,
        proposedBy: app.proposed_by,
        decidedBy: app.decided_by,
        decidedAt: app.decided_at?.toISOString() ?? null,
        transitions: transitions.map((t) => ({
          id: Number(t.id),
          from: t.from_status,
          to: t.to_status,
          event: t.event,
          actorId: t.actor_id,
          actorRole: t.actor_role,
          reason: r(t.reason),
          details: r(t.details),
          at: t.at.toISOString(),
        })),
      };
      await this.recordRead(em, actor, loaded, 'snapshot', clear);
      return snapshot;
    });
  }

  /**
   * Evaluates the stored rule version on the stored inputs and context, and compares outcome,
   * explanation, fact issues and amount with what was stored at submission.
   */
  async rerun(actor: Principal, id: string) {
    return this.tx.run(async (em) => {
      const loaded = await this.load(em, id);
      const { decision, version } = loaded;
      const recomputedHash = versionContentHash(version);
      const hashMatches =
        version.contentHash === decision.ruleVersionHash && recomputedHash === decision.ruleVersionHash;
      const def = version.definition;
      const context = contextFromSnapshot({ applicationDate: decision.applicationDate, context: decision.context });
      const { evaluation, benefit, benefitError } = assess(def, decision.inputs, context);
      const differences = [
        ...diffJson(decision.outcome, evaluation.outcome, 'outcome'),
        ...diffJson(asJson(decision.explanation), asJson(evaluation.rules), 'explanation'),
        ...diffJson(asJson(decision.factIssues), asJson(evaluation.factIssues), 'factIssues'),
        ...diffJson(asJson(decision.benefit), asJson(benefit), 'benefit'),
        ...diffJson(asJson(decision.benefitError), asJson(benefitError), 'benefitError'),
      ];
      const clear = (await this.liveDisclosure(em, actor, id)) !== null;
      await this.recordRead(em, actor, loaded, 'rerun', clear);
      const storedAmount = (decision.benefit?.amountCents as number | undefined) ?? null;
      const recomputedAmount = benefit?.amountCents ?? null;
      return {
        id,
        match: hashMatches && differences.length === 0,
        ruleVersion: {
          measureCode: loaded.measureCode,
          version: version.version,
          storedHash: decision.ruleVersionHash,
          versionHash: version.contentHash,
          recomputedHash,
          hashMatches,
        },
        outcome: {
          stored: decision.outcome,
          recomputed: evaluation.outcome,
          match: decision.outcome === evaluation.outcome,
        },
        amountCents: { stored: storedAmount, recomputed: recomputedAmount, match: storedAmount === recomputedAmount },
        explanationMatches: !differences.some((d) => d.path.startsWith('explanation')),
        differences: clear
          ? differences
          : differences.map((d) => ({
              path: d.path,
              stored: this.pseudonymiser.redact(d.stored),
              recomputed: this.pseudonymiser.redact(d.recomputed),
            })),
      };
    });
  }

  /** Records a justification (audit log) and unlocks the decision's clear data for this auditor. */
  async disclose(actor: Principal, decisionId: string, justification: string) {
    return this.tx.run(async (em) => {
      await this.load(em, decisionId);
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + this.config.AUDIT_DISCLOSURE_MINUTES * 60_000);
      const [row] = (await em.query(
        `INSERT INTO auditor_disclosures (application_id, auditor_id, justification, granted_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [decisionId, actor.id, justification, now, expiresAt],
      )) as { id: string }[];
      await this.audit.record(em, {
        actor,
        action: 'record.disclosed',
        target: { type: 'application', id: decisionId },
        change: { disclosureId: row.id, justification, expiresAt: expiresAt.toISOString() },
      });
      return { id: row.id, decisionId, expiresAt: expiresAt.toISOString() };
    });
  }

  private async liveDisclosure(em: EntityManager, actor: Principal, id: string): Promise<Date | null> {
    const [row] = (await em.query(
      `SELECT max(expires_at) AS until FROM auditor_disclosures WHERE auditor_id = $1 AND application_id = $2 AND expires_at > $3`,
      [actor.id, id, this.clock.now()],
    )) as { until: Date | null }[];
    return row?.until ?? null;
  }

  private async recordRead(em: EntityManager, actor: Principal, loaded: Loaded, what: string, clear: boolean) {
    const healthRelated = revealsHealthOrHardship(loaded.version.definition);
    if (!loaded.app.sealed && !healthRelated) return;
    await this.audit.record(em, {
      actor,
      action: 'record.read',
      target: { type: 'application', id: loaded.app.id },
      change: {
        via: `auditor.${what}`,
        sealed: loaded.app.sealed,
        healthRelated,
        clear,
      },
    });
  }

  private async load(em: EntityManager, id: string): Promise<Loaded> {
    const [app] = (await em.query(
      `SELECT a.*, m.code AS measure_code FROM applications a JOIN measures m ON m.id = a.measure_id WHERE a.id = $1 AND a.status <> 'DRAFT'`,
      [id],
    )) as (AppRow & { measure_code: string })[];
    if (!app) throw AuditorErrors.decisionNotFound();
    const decision = await em.findOneBy(EligibilityDecision, { applicationId: id });
    if (!decision) throw AuditorErrors.decisionNotFound();
    const version = await em.findOneByOrFail(MeasureVersion, { id: app.measure_version_id });
    return { app, decision, version, measureCode: app.measure_code };
  }
}

interface AppRow {
  id: string;
  protocol_number: string;
  measure_version_id: string;
  status: string;
  sealed: boolean;
  received_at: Date;
  beneficiary_fiscal_code: string | null;
  ats_code: string | null;
  ambito_code: string | null;
  proposal: Record<string, unknown> | null;
  proposed_by: string | null;
  decision: Record<string, unknown> | null;
  decided_by: string | null;
  decided_at: Date | null;
  amount_cents: string | null;
}

interface Loaded {
  app: AppRow;
  decision: EligibilityDecision;
  version: MeasureVersion;
  measureCode: string;
}
