import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { TerritoryService } from '../territory/territory.service.js';
import type { MeasureVersionDto, PublicMeasureDto } from './dto/measure-views.dto.js';
import { measureNotFound } from './measures.errors.js';
import type { MeasureVersion } from './measure-version.entity.js';
import { findVersion, inForceQuery } from './measure-versions.repository.js';
import { isOpen, toPublicMeasure, toVersionDto } from './measure-views.js';

/** What everyone may read: published versions, the one in force first. */
@Injectable()
export class MeasuresCatalogService {
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

  /** code → the version in force (the highest, should validities ever overlap). */
  private async inForce(at: Date, code?: string): Promise<Map<string, MeasureVersion>> {
    const qb = inForceQuery(this.db.manager, at);
    if (code) qb.andWhere('m.code = :code', { code });
    const { entities, raw } = await qb.getRawAndEntities<{ measure_code: string }>();
    const byCode = new Map<string, MeasureVersion>();
    entities.forEach((v, i) => {
      const c = raw[i].measure_code;
      if (!byCode.has(c)) byCode.set(c, v);
    });
    return byCode;
  }
}
