import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { AppError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import type { Principal } from '../../common/access/principal.js';
import { AuditService } from '../audit-log/audit.service.js';
import { romeDate } from '../../common/clock/rome-date.js';
import { parseAmbitoCsv } from './ambito-csv.js';
import { Ambito } from './ambito.entity.js';
import type { AmbitoCsvResultDto, AmbitoMapEntryDto, AmbitoPeriodDto } from './dto/territory.dto.js';
import { Municipality } from './municipality.entity.js';
import { TerritoryErrors } from './territory.errors.js';
import { TerritoryService } from './territory.service.js';

/** ADMIN changes of the municipality-to-Ambito map, each dated in its history and audited. */
@Injectable()
export class AmbitoMapService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly territory: TerritoryService,
  ) {}

  /** Assigns municipalities to Ambiti, all-or-nothing; each Ambito must be in the municipality's ATS. */
  loadAmbitoMap(actor: Principal, entries: AmbitoMapEntryDto[]): Promise<number> {
    return this.tx.run(async (em) => {
      const changes = await this.planAmbitoMap(em, entries, (i, field) => `entries.${i}.${field}`);
      await this.applyAmbitoMap(em, actor, changes, 'admin', entries.length);
      return entries.length;
    });
  }

  /**
   * An ADMIN's CSV of the map (ambito-csv.ts): with apply false, the changes it would make;
   * with apply true, the same changes applied in one transaction, dated and audited. Any bad
   * line refuses the whole file.
   */
  uploadAmbitoCsv(actor: Principal, csv: string, apply: boolean): Promise<AmbitoCsvResultDto> {
    return this.tx.run(async (em) => {
      const { rows, problems } = parseAmbitoCsv(csv);
      if (problems.length) {
        throw TerritoryErrors.ambitoCsvInvalid(
          problems.map((p) => ({ field: `csv.line.${p.line}`, messages: [p.message] })),
        );
      }
      let changes: AmbitoChange[];
      try {
        changes = await this.planAmbitoMap(em, rows, (i) => `csv.line.${rows[i].line}`);
      } catch (error) {
        if (error instanceof AppError && error.extra.errors) throw TerritoryErrors.ambitoCsvInvalid(error.extra.errors);
        throw error;
      }
      if (apply) await this.applyAmbitoMap(em, actor, changes, 'admin_csv', rows.length);
      return {
        applied: apply,
        rows: rows.length,
        unchanged: rows.length - changes.length,
        changes: changes.map(({ istatCode, name, before, after }) => ({ istatCode, name, before, after })),
      };
    });
  }

  /** The dated Ambito history of a municipality, oldest first. */
  async ambitoHistory(istatCode: string): Promise<AmbitoPeriodDto[]> {
    await this.territory.getMunicipality(istatCode);
    const rows = (await this.db.query(
      `SELECT ambito_code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to, change_kind, source_ids, recorded_at
         FROM municipality_ambito_history WHERE istat_code = $1 ORDER BY valid_from NULLS FIRST, id`,
      [istatCode],
    )) as {
      ambito_code: string | null;
      valid_from: string | null;
      valid_to: string | null;
      change_kind: string;
      source_ids: string[];
      recorded_at: Date;
    }[];
    return rows.map((r) => ({
      ambitoCode: r.ambito_code,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      changeKind: r.change_kind,
      sourceIds: r.source_ids,
      recordedAt: r.recorded_at.toISOString(),
    }));
  }

  /** Validates the entries (all-or-nothing) and returns the ones that change the map. */
  private async planAmbitoMap(
    em: EntityManager,
    entries: readonly { istatCode: string; ambitoCode: string | null }[],
    fieldOf: (index: number, field: 'istatCode' | 'ambitoCode') => string,
  ): Promise<AmbitoChange[]> {
    const municipalities = await em.findBy(Municipality, { istatCode: In(entries.map((e) => e.istatCode)) });
    const byCode = new Map(municipalities.map((m) => [m.istatCode, m]));
    const wanted = [...new Set(entries.flatMap((e) => (e.ambitoCode ? [e.ambitoCode] : [])))];
    const ambiti = new Map((await em.findBy(Ambito, { code: In(wanted) })).map((a) => [a.code, a]));
    const errors: { field: string; messages: string[] }[] = [];
    entries.forEach((entry, i) => {
      const m = byCode.get(entry.istatCode);
      if (!m) {
        return errors.push({ field: fieldOf(i, 'istatCode'), messages: [`unknown municipality ${entry.istatCode}`] });
      }
      if (entry.ambitoCode === null) return;
      const ambito = ambiti.get(entry.ambitoCode);
      if (!ambito) {
        return errors.push({ field: fieldOf(i, 'ambitoCode'), messages: [`unknown Ambito ${entry.ambitoCode}`] });
      }
      if (ambito.atsCode !== m.atsCode) {
        errors.push({
          field: fieldOf(i, 'ambitoCode'),
          messages: [`Ambito ${ambito.code} belongs to another ATS than ${m.name}`],
        });
      }
    });
    if (errors.length) {
      const first = errors[0].messages[0];
      const code = first.startsWith('unknown municipality')
        ? 'TERRITORY_UNKNOWN_MUNICIPALITY'
        : first.startsWith('unknown Ambito')
          ? 'TERRITORY_UNKNOWN_AMBITO'
          : 'TERRITORY_AMBITO_OTHER_ATS';
      throw TerritoryErrors.ambitoMapInvalid(code, errors);
    }
    return entries
      .filter((e) => byCode.get(e.istatCode)!.ambitoCode !== e.ambitoCode)
      .map((e) => ({
        istatCode: e.istatCode,
        name: byCode.get(e.istatCode)!.name,
        before: byCode.get(e.istatCode)!.ambitoCode,
        after: e.ambitoCode,
      }));
  }

  /** Writes the changes: the map, a dated history row per municipality (from today), one audit entry. */
  private async applyAmbitoMap(
    em: EntityManager,
    actor: Principal,
    changes: AmbitoChange[],
    kind: 'admin' | 'admin_csv',
    entries: number,
  ): Promise<void> {
    const today = romeDate(this.clock.now());
    for (const c of changes) {
      await em.update(Municipality, { istatCode: c.istatCode }, { ambitoCode: c.after, updatedAt: () => 'now()' });
      await em.query(
        `UPDATE municipality_ambito_history SET valid_to = greatest($2::date, valid_from) WHERE istat_code = $1 AND valid_to IS NULL`,
        [c.istatCode, today],
      );
      await em.query(
        `INSERT INTO municipality_ambito_history (istat_code, ambito_code, valid_from, change_kind, changed_by) VALUES ($1, $2, $3, $4, $5)`,
        [c.istatCode, c.after, today, kind, actor.id],
      );
    }
    await this.audit.record(em, {
      actor,
      action: 'territory.ambito_map_loaded',
      target: { type: 'ambito_map', id: null },
      change: {
        entries,
        via: kind === 'admin_csv' ? 'csv' : 'api',
        validFrom: today,
        changed: changes.map(({ istatCode, before, after }) => ({ istatCode, before, after })),
      },
    });
  }
}

interface AmbitoChange {
  istatCode: string;
  name: string;
  before: string | null;
  after: string | null;
}
