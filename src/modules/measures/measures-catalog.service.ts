import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { MeasureVersionDto, PublicMeasureDto } from './dto/measure-views.dto.js';
import { measureNotFound } from './measures.errors.js';
import { Measure } from './measure.entity.js';
import { MeasureVersion } from './measure-version.entity.js';
import { findVersion } from './measure-versions.repository.js';
import { isOpen, toPublicMeasure, toVersionDto } from './measure-views.js';

/** What everyone may read: published versions, the one in force first. */
@Injectable()
export class MeasuresCatalogService {
  /**
   * The published versions, read again only when one is published, retired or re-dated: their
   * content is frozen, so a one-row fingerprint query per read replaces loading every
   * definition (the portal reads the catalogue on most pages).
   */
  private publishedCache: { key: string; rows: { code: string; version: MeasureVersion }[] } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly territory: TerritoryService,
  ) {}

  /** Measures with a version in force now; open: whether the window accepts applications now. */
  async list(onlyOpen: boolean | undefined): Promise<PublicMeasureDto[]> {
    const now = this.clock.now();
    const rows = await this.inForce(now);
    return [...rows]
      .filter(([, v]) => onlyOpen === undefined || isOpen(v, now) === onlyOpen)
      .map(([code, v]) => toPublicMeasure(code, v, now));
  }

  async current(code: string): Promise<MeasureVersionDto> {
    const now = this.clock.now();
    const version = (await this.inForce(now, code)).get(code);
    if (!version) throw measureNotFound();
    return { ...toVersionDto(code, version, now), coverage: await this.territory.coverageOf(version.territorialScope) };
  }

  /** A published or retired version; a draft does not exist for the public. */
  async published(code: string, version: number): Promise<MeasureVersionDto> {
    const { version: v } = await findVersion(this.db.manager, code, version);
    if (v.status === 'draft') throw measureNotFound();
    return {
      ...toVersionDto(code, v, this.clock.now()),
      coverage: await this.territory.coverageOf(v.territorialScope),
    };
  }

  /**
   * Every version in force now, with its definition (no territorial coverage: the caller shows
   * the measures, not their territory), in code order.
   */
  async inForceVersions(): Promise<MeasureVersionDto[]> {
    const now = this.clock.now();
    return [...(await this.inForce(now))].map(([code, v]) => toVersionDto(code, v, now));
  }

  private async publishedVersions(): Promise<{ code: string; version: MeasureVersion }[]> {
    const [{ key }] = (await this.db.query(
      `SELECT coalesce(string_agg(id::text || '|' || coalesce(valid_from::text, '') || '|' || coalesce(valid_to::text, ''), ',' ORDER BY id), '') AS key
         FROM measure_versions WHERE status = 'published'`,
    )) as { key: string }[];
    if (this.publishedCache?.key !== key) {
      const { entities, raw } = await this.db
        .getRepository(MeasureVersion)
        .createQueryBuilder('v')
        .innerJoin(Measure, 'm', 'm.id = v.measure_id')
        .addSelect('m.code', 'measure_code')
        .where("v.status = 'published'")
        .orderBy('m.code', 'ASC')
        .addOrderBy('v.version', 'DESC')
        .getRawAndEntities<{ measure_code: string }>();
      this.publishedCache = { key, rows: entities.map((version, i) => ({ code: raw[i].measure_code, version })) };
    }
    return this.publishedCache.rows;
  }

  /** code → the version in force (the highest, should validities ever overlap). */
  private async inForce(at: Date, code?: string): Promise<Map<string, MeasureVersion>> {
    const byCode = new Map<string, MeasureVersion>();
    for (const { code: c, version: v } of await this.publishedVersions()) {
      const inForce = v.validFrom !== null && v.validFrom <= at && (v.validTo === null || v.validTo > at);
      if (inForce && (!code || c === code) && !byCode.has(c)) byCode.set(c, v);
    }
    return byCode;
  }
}
