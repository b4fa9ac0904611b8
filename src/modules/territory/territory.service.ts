import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AppError, fieldError } from '../../common/errors/app-error.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { uniqueViolation } from '../../common/database/pg-errors.js';
import { Ambito } from './ambito.entity.js';
import { Ats } from './ats.entity.js';
import type { AmbitoMapEntryDto, CreateAmbitoDto, MunicipalityQueryDto } from './dto/territory.dto.js';
import { Municipality } from './municipality.entity.js';
import type { Residence } from './territory-scope.js';
import type { Principal } from '../auth/principal.js';
import { AuditService } from '../audit/audit.service.js';

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
    return this.db.getRepository(Ambito).find({ where: atsCode ? { atsCode } : {}, order: { atsCode: 'ASC', name: 'ASC' } });
  }

  async searchMunicipalities(query: MunicipalityQueryDto) {
    const qb = this.db.getRepository(Municipality).createQueryBuilder('m');
    if (query.q) qb.andWhere('lower(m.name) LIKE :q', { q: `${query.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` });
    if (query.atsCode) qb.andWhere('m.ats_code = :ats', { ats: query.atsCode });
    if (query.ambitoCode) qb.andWhere('m.ambito_code = :ambito', { ambito: query.ambitoCode });
    const [items, total] = await qb.orderBy('m.name', 'ASC').addOrderBy('m.istat_code', 'ASC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total };
  }

  async getMunicipality(istatCode: string): Promise<Municipality> {
    const found = await this.db.getRepository(Municipality).findOneBy({ istatCode });
    if (!found) throw new AppError('NOT_FOUND', { it: 'Comune non trovato.', en: 'Municipality not found.' });
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
      throw fieldError('TERRITORY_UNKNOWN_ATS', 'scope.atsCodes', { it: 'Codice ATS sconosciuto.', en: 'Unknown ATS code.' });
    }
    const ambiti = ambitoCodes.length ? await em.countBy(Ambito, { code: In(ambitoCodes) }) : 0;
    if (ambiti !== new Set(ambitoCodes).size) {
      throw fieldError('TERRITORY_UNKNOWN_AMBITO', 'scope.ambitoCodes', { it: 'Codice Ambito sconosciuto.', en: 'Unknown Ambito code.' });
    }
  }

  createAmbito(actor: Principal, dto: CreateAmbitoDto): Promise<Ambito> {
    return this.tx.run(async (em) => {
      if (!(await em.existsBy(Ats, { code: dto.atsCode }))) {
        throw fieldError('TERRITORY_UNKNOWN_ATS', 'atsCode', { it: 'Codice ATS sconosciuto.', en: 'Unknown ATS code.' });
      }
      try {
        await em.insert(Ambito, { code: dto.code, name: dto.name, atsCode: dto.atsCode });
      } catch (error) {
        if (uniqueViolation(error) !== null) {
          throw fieldError('TERRITORY_AMBITO_EXISTS', 'code', { it: 'Esiste già un Ambito con questo codice.', en: 'An Ambito with this code already exists.' });
        }
        throw error;
      }
      await this.audit.record(em, { actor, action: 'territory.ambito_created', target: { type: 'ambito', id: dto.code }, change: { after: { ...dto } } });
      return em.findOneByOrFail(Ambito, { code: dto.code });
    });
  }

  updateAmbito(actor: Principal, code: string, name: string): Promise<Ambito> {
    return this.tx.run(async (em) => {
      const before = await em.findOne(Ambito, { where: { code }, lock: { mode: 'pessimistic_write' } });
      const result = await em.update(Ambito, { code }, { name, updatedAt: () => 'now()' });
      if (!result.affected) throw new AppError('NOT_FOUND', { it: 'Ambito non trovato.', en: 'Ambito not found.' });
      await this.audit.record(em, { actor, action: 'territory.ambito_renamed', target: { type: 'ambito', id: code }, change: { before: { name: before?.name ?? null }, after: { name } } });
      return em.findOneByOrFail(Ambito, { code });
    });
  }

  /** Assigns municipalities to Ambiti, all-or-nothing; each Ambito must be in the municipality's ATS. */
  loadAmbitoMap(actor: Principal, entries: AmbitoMapEntryDto[]): Promise<number> {
    return this.tx.run(async (em) => {
      const municipalities = await em.findBy(Municipality, { istatCode: In(entries.map((e) => e.istatCode)) });
      const byCode = new Map(municipalities.map((m) => [m.istatCode, m]));
      const wanted = [...new Set(entries.flatMap((e) => (e.ambitoCode ? [e.ambitoCode] : [])))];
      const ambiti = new Map((await em.findBy(Ambito, { code: In(wanted) })).map((a) => [a.code, a]));
      entries.forEach((entry, i) => {
        const m = byCode.get(entry.istatCode);
        if (!m) {
          throw fieldError('TERRITORY_UNKNOWN_MUNICIPALITY', `entries.${i}.istatCode`, { it: 'Comune sconosciuto.', en: 'Unknown municipality.' });
        }
        if (entry.ambitoCode === null) return;
        const ambito = ambiti.get(entry.ambitoCode);
        if (!ambito) {
          throw fieldError('TERRITORY_UNKNOWN_AMBITO', `entries.${i}.ambitoCode`, { it: 'Ambito sconosciuto.', en: 'Unknown Ambito.' });
        }
        if (ambito.atsCode !== m.atsCode) {
          throw fieldError('TERRITORY_AMBITO_OTHER_ATS', `entries.${i}.ambitoCode`, {
            it: `L'Ambito ${ambito.code} appartiene a un'altra ATS rispetto al comune ${m.name}.`,
            en: `Ambito ${ambito.code} belongs to another ATS than ${m.name}.`,
          });
        }
      });
      for (const entry of entries) {
        await em.update(Municipality, { istatCode: entry.istatCode }, { ambitoCode: entry.ambitoCode, updatedAt: () => 'now()' });
      }
      const changed = entries
        .filter((e) => byCode.get(e.istatCode)!.ambitoCode !== e.ambitoCode)
        .map((e) => ({ istatCode: e.istatCode, before: byCode.get(e.istatCode)!.ambitoCode, after: e.ambitoCode }));
      await this.audit.record(em, { actor, action: 'territory.ambito_map_loaded', target: { type: 'ambito_map', id: null }, change: { entries: entries.length, changed } });
      return entries.length;
    });
  }
}
