import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TransactionService } from '../../common/database/transaction.service.js';
import { AuditorErrors } from './auditor.errors.js';
import { AuditService } from '../audit-log/audit.service.js';
import type { Principal } from '../../common/access/principal.js';
import type { IndicatorTargetDto } from './auditor.dto.js';
import { csvLine } from '../../common/csv/csv.js';

export interface MeasureYear {
  measureCode: string;
  year: number;
  applications: number;
  beneficiaries: number;
  committedCents: number;
  paidCents: number;
  concludedShare: number | null;
  activatedShare: number | null;
  avgProcessingDays: number | null;
  womenWithMinorsShare: number | null;
}

const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : null);

/**
 * Per measure and protocol year (Europe/Rome):
 * - applications: submitted cases (every state but DRAFT);
 * - beneficiaries: distinct beneficiaries (codice fiscale) with an APPROVED case;
 * - committed: amounts of cases ever approved (APPROVED or later REVOKED);
 * - paid: APPROVED and not revoked (the product records no payment orders: this is the amount due);
 * - concluded: decided cases (APPROVED, WAITLISTED, REJECTED, REVOKED) or WITHDRAWN; activated: APPROVED;
 * - average processing days: received_at → decided_at, decided cases;
 * - women with minors (violence measures, form field childrenCount): share with childrenCount > 0.
 */
const MEASURE_YEAR_SQL = `
  SELECT m.code AS measure_code, a.protocol_year AS year,
    count(*)::int AS applications,
    count(DISTINCT a.beneficiary_fiscal_code) FILTER (WHERE a.status = 'APPROVED')::int AS beneficiaries,
    coalesce(sum(a.amount_cents) FILTER (WHERE a.status IN ('APPROVED', 'REVOKED')), 0)::bigint AS committed_cents,
    coalesce(sum(a.amount_cents) FILTER (WHERE a.status = 'APPROVED'), 0)::bigint AS paid_cents,
    count(*) FILTER (WHERE a.status IN ('APPROVED', 'WAITLISTED', 'REJECTED', 'REVOKED', 'WITHDRAWN'))::int AS concluded,
    count(*) FILTER (WHERE a.status = 'APPROVED')::int AS activated,
    avg(extract(epoch FROM a.decided_at - a.received_at) / 86400) FILTER (WHERE a.decided_at IS NOT NULL)::float8 AS avg_days,
    count(*) FILTER (WHERE a.data ? 'childrenCount')::int AS with_children_field,
    count(*) FILTER (WHERE (a.data->>'childrenCount') ~ '^[0-9]+$' AND (a.data->>'childrenCount')::int > 0)::int AS with_minors
  FROM applications a JOIN measures m ON m.id = a.measure_id
  WHERE a.status <> 'DRAFT'
  GROUP BY m.code, a.protocol_year
  ORDER BY m.code, a.protocol_year`;

interface TargetRow {
  code: string;
  label: string;
  metric: 'applications' | 'beneficiaries' | 'womenWithMinorsShare';
  unit: 'count' | 'percent';
  measure_codes: string[];
  baseline: string | null;
  target_2027: string | null;
}

/** The Region's indicators computed from the cases, with configurable baseline and 2027 target. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  async compute() {
    const rows = (await this.db.query(MEASURE_YEAR_SQL)) as Record<string, string | number | null>[];
    const measures: MeasureYear[] = rows.map((r) => ({
      measureCode: String(r.measure_code),
      year: Number(r.year),
      applications: Number(r.applications),
      beneficiaries: Number(r.beneficiaries),
      committedCents: Number(r.committed_cents),
      paidCents: Number(r.paid_cents),
      concludedShare: share(Number(r.concluded), Number(r.applications)),
      activatedShare: share(Number(r.activated), Number(r.applications)),
      avgProcessingDays: r.avg_days === null ? null : Math.round(Number(r.avg_days) * 100) / 100,
      womenWithMinorsShare: share(Number(r.with_minors), Number(r.with_children_field)),
    }));
    const targets = (await this.db.query(`SELECT * FROM indicator_targets ORDER BY code`)) as TargetRow[];
    const region = [];
    for (const t of targets) {
      const values: { year: number; value: number | null }[] = [];
      const years = [
        ...new Set(measures.filter((m) => t.measure_codes.includes(m.measureCode)).map((m) => m.year)),
      ].sort();
      for (const year of years) {
        const [v] = (await this.db.query(
          `SELECT count(*) FILTER (WHERE a.status = 'APPROVED')::int AS approved_cases,
             count(DISTINCT a.beneficiary_fiscal_code) FILTER (WHERE a.status = 'APPROVED')::int AS beneficiaries,
             count(*)::int AS applications,
             count(*) FILTER (WHERE a.data ? 'childrenCount')::int AS with_field,
             count(*) FILTER (WHERE (a.data->>'childrenCount') ~ '^[0-9]+$' AND (a.data->>'childrenCount')::int > 0)::int AS with_minors
           FROM applications a JOIN measures m ON m.id = a.measure_id
           WHERE a.status <> 'DRAFT' AND m.code = ANY($1) AND a.protocol_year = $2`,
          [t.measure_codes, year],
        )) as { beneficiaries: number; applications: number; with_field: number; with_minors: number }[];
        const value =
          t.metric === 'womenWithMinorsShare'
            ? v.with_field > 0
              ? Math.round((v.with_minors / v.with_field) * 10000) / 100
              : null
            : t.metric === 'beneficiaries'
              ? v.beneficiaries
              : v.applications;
        values.push({ year, value });
      }
      region.push({
        code: t.code,
        label: t.label,
        metric: t.metric,
        unit: t.unit,
        measureCodes: t.measure_codes,
        baseline: t.baseline === null ? null : Number(t.baseline),
        target2027: t.target_2027 === null ? null : Number(t.target_2027),
        values,
      });
    }
    return {
      definitions: {
        year: 'protocol year (Europe/Rome)',
        applications: 'submitted cases (every state but DRAFT)',
        beneficiaries: 'distinct beneficiaries with an APPROVED case',
        committedCents: 'amounts of approved cases (APPROVED, or approved and later REVOKED)',
        paidCents: 'APPROVED and not revoked: the amount due (no payment ledger is kept)',
        concludedShare: '(APPROVED + WAITLISTED + REJECTED + REVOKED + WITHDRAWN) / applications',
        activatedShare: 'APPROVED / applications',
        avgProcessingDays: 'mean of decided_at - received_at in days, decided cases',
        womenWithMinorsShare: 'violence measures (childrenCount field): share with childrenCount > 0',
      },
      measures,
      indicators: region,
    };
  }

  async *csv(): AsyncGenerator<string> {
    const { measures, indicators } = await this.compute();
    yield csvLine([
      'section',
      'code',
      'measure_code',
      'year',
      'applications',
      'beneficiaries',
      'committed_cents',
      'paid_cents',
      'concluded_share',
      'activated_share',
      'avg_processing_days',
      'women_with_minors_share',
      'label',
      'unit',
      'value',
      'baseline',
      'target_2027',
    ]);
    for (const m of measures) {
      yield csvLine([
        'measure',
        '',
        m.measureCode,
        m.year,
        m.applications,
        m.beneficiaries,
        m.committedCents,
        m.paidCents,
        m.concludedShare,
        m.activatedShare,
        m.avgProcessingDays,
        m.womenWithMinorsShare,
        '',
        '',
        '',
        '',
        '',
      ]);
    }
    for (const i of indicators) {
      for (const v of i.values.length ? i.values : [{ year: null, value: null }]) {
        yield csvLine([
          'indicator',
          i.code,
          i.measureCodes.join(' '),
          v.year,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          i.label,
          i.unit,
          v.value,
          i.baseline,
          i.target2027,
        ]);
      }
    }
  }

  async setTarget(actor: Principal, code: string, dto: IndicatorTargetDto) {
    return this.tx.run(async (em) => {
      const [before] = (await em.query(
        `SELECT baseline, target_2027 FROM indicator_targets WHERE code = $1 FOR UPDATE`,
        [code],
      )) as { baseline: string | null; target_2027: string | null }[];
      if (!before) throw AuditorErrors.indicatorNotFound();
      await em.query(
        `UPDATE indicator_targets SET baseline = $2, target_2027 = $3, updated_at = now(), updated_by = $4 WHERE code = $1`,
        [code, dto.baseline ?? null, dto.target2027 ?? null, actor.id],
      );
      await this.audit.record(em, {
        actor,
        action: 'indicator.target_updated',
        target: { type: 'indicator', id: code },
        change: {
          before: { baseline: before.baseline, target2027: before.target_2027 },
          after: { baseline: dto.baseline ?? null, target2027: dto.target2027 ?? null },
        },
      });
      return { code, baseline: dto.baseline ?? null, target2027: dto.target2027 ?? null };
    });
  }
}
