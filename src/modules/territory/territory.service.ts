import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { TransactionService } from '../../common/database/transaction.service.js';
import { likePrefix } from '../../common/database/sql.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { Ambito } from './ambito.entity.js';
import { Ats } from './ats.entity.js';
import type { CoverageDto, CreateAmbitoDto, MunicipalityQueryDto } from './dto/territory.dto.js';
import { Municipality } from './municipality.entity.js';
import { TerritoryErrors } from './territory.errors.js';
import { scopeCovers, type Residence, type TerritorialScope } from './territory-scope.js';
import type { Principal } from '../../common/access/principal.js';
import { AuditService } from '../audit-log/audit.service.js';

@Injectable()
export class TerritoryService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

  listAts(): Promise<Ats[]> {
    return this.db.getRepository(Ats).find({ order: { code: 'ASC' } });
  }

  listAmbiti(atsCode?: string): Promise<Ambito[]> {
    return this.db
      .getRepository(Ambito)
      .find({ where: atsCode ? { atsCode } : {}, order: { atsCode: 'ASC', name: 'ASC' } });
  }

  async searchMunicipalities(query: MunicipalityQueryDto) {
    const qb = this.db.getRepository(Municipality).createQueryBuilder('m');
    if (query.q) qb.andWhere('lower(m.name) LIKE :q', { q: likePrefix(query.q) });
    if (query.atsCode) qb.andWhere('m.ats_code = :ats', { ats: query.atsCode });
    if (query.ambitoCode) qb.andWhere('m.ambito_code = :ambito', { ambito: query.ambitoCode });
    const [items, total] = await qb
      .orderBy('m.name', 'ASC')
      .addOrderBy('m.istat_code', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    return { items, total };
  }

  async getMunicipality(istatCode: string): Promise<Municipality> {
    const found = await this.db.getRepository(Municipality).findOneBy({ istatCode });
    if (!found) throw TerritoryErrors.municipalityNotFound();
    return found;
  }

  /** The ATS and Ambito of a municipality, or null if it is not a Lombardy municipality. */
  async residenceOf(istatCode: string | null, em: EntityManager = this.db.manager): Promise<Residence | null> {
    if (!istatCode) return null;
    const m = await em.findOneBy(Municipality, { istatCode });
    return m ? { atsCode: m.atsCode, ambitoCode: m.ambitoCode } : null;
  }

  /** The ATS most of a province's municipalities belong to (a case known only by province). */
  async atsOfProvince(province: string, em: EntityManager = this.db.manager): Promise<Residence | null> {
    const [row] = (await em.query(
      `SELECT ats_code FROM municipalities WHERE province = $1 GROUP BY ats_code ORDER BY count(*) DESC, ats_code LIMIT 1`,
      [province],
    )) as { ats_code: string }[];
    return row ? { atsCode: row.ats_code, ambitoCode: null } : null;
  }

  /** Throws a field error unless every code names an existing ATS / Ambito. */
  async assertScopeExists(em: EntityManager, atsCodes: string[], ambitoCodes: string[]): Promise<void> {
    const ats = atsCodes.length ? await em.countBy(Ats, { code: In(atsCodes) }) : 0;
    if (ats !== new Set(atsCodes).size) {
      throw TerritoryErrors.unknownAts('scope.atsCodes');
    }
    const ambiti = ambitoCodes.length ? await em.countBy(Ambito, { code: In(ambitoCodes) }) : 0;
    if (ambiti !== new Set(ambitoCodes).size) {
      throw TerritoryErrors.unknownAmbito('scope.ambitoCodes');
    }
  }

  createAmbito(actor: Principal, dto: CreateAmbitoDto): Promise<Ambito> {
    return this.tx.run(async (em) => {
      if (!(await em.existsBy(Ats, { code: dto.atsCode }))) {
        throw TerritoryErrors.unknownAts('atsCode');
      }
      try {
        await em.insert(Ambito, { code: dto.code, name: dto.name, atsCode: dto.atsCode });
      } catch (error) {
        if (uniqueViolation(error) !== null) {
          throw TerritoryErrors.ambitoExists();
        }
        throw error;
      }
      await this.audit.record(em, {
        actor,
        action: 'territory.ambito_created',
        target: { type: 'ambito', id: dto.code },
        change: { after: { ...dto } },
      });
      return em.findOneByOrFail(Ambito, { code: dto.code });
    });
  }

  updateAmbito(actor: Principal, code: string, name: string): Promise<Ambito> {
    return this.tx.run(async (em) => {
      const before = await em.findOne(Ambito, { where: { code }, lock: { mode: 'pessimistic_write' } });
      const result = await em.update(Ambito, { code }, { name, updatedAt: () => 'now()' });
      if (!result.affected) throw TerritoryErrors.ambitoNotFound();
      await this.audit.record(em, {
        actor,
        action: 'territory.ambito_renamed',
        target: { type: 'ambito', id: code },
        change: { before: { name: before?.name ?? null }, after: { name } },
      });
      return em.findOneByOrFail(Ambito, { code });
    });
  }

  /**
   * The municipalities a measure's territorial scope covers, as the map is today: null for a
   * region-wide measure; otherwise its ATS and its Ambiti with their member municipalities.
   */
  async coverageOf(scope: TerritorialScope, em: EntityManager = this.db.manager): Promise<CoverageDto | null> {
    if (!scope.atsCodes.length && !scope.ambitoCodes.length) return null;
    const ats = scope.atsCodes.length
      ? await em.find(Ats, { where: { code: In(scope.atsCodes) }, order: { code: 'ASC' } })
      : [];
    const ambiti = scope.ambitoCodes.length
      ? await em.find(Ambito, { where: { code: In(scope.ambitoCodes) }, order: { code: 'ASC' } })
      : [];
    const members = ambiti.length
      ? await em.find(Municipality, {
          where: { ambitoCode: In(ambiti.map((a) => a.code)) },
          order: { name: 'ASC', istatCode: 'ASC' },
        })
      : [];
    return {
      ats: ats.map((a) => ({ code: a.code, name: a.name })),
      ambiti: ambiti.map((a) => ({
        code: a.code,
        name: a.name,
        atsCode: a.atsCode,
        membersComplete: a.membersComplete,
        municipalities: members
          .filter((m) => m.ambitoCode === a.code)
          .map((m) => ({ istatCode: m.istatCode, name: m.name, province: m.province })),
      })),
    };
  }

  /**
   * Refuses, before anything is registered, an application whose residence lies outside the
   * measure's territory (or in a municipality whose Ambito is not known), naming the covered area.
   */
  async assertCovers(
    scope: TerritorialScope,
    istatCode: string | null,
    em: EntityManager = this.db.manager,
  ): Promise<void> {
    if (!istatCode || !/^\d{6}$/.test(istatCode) || (!scope.atsCodes.length && !scope.ambitoCodes.length)) return;
    const residence = await this.residenceOf(istatCode, em);
    if (scopeCovers(scope, residence)) return;
    const coverage = (await this.coverageOf(scope, em))!;
    const municipality = await em.findOneBy(Municipality, { istatCode });
    const ambitoUnknown =
      !!municipality && !!residence && residence.ambitoCode === null && scope.ambitoCodes.length > 0;
    throw TerritoryErrors.outsideMeasureTerritory(
      coverage,
      municipality ? municipality.name : istatCode,
      ambitoUnknown,
    );
  }
}
