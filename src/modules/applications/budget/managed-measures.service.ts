import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import type { MeasureVersion } from '../../measures/measure-version.entity.js';
import { inForceQuery } from '../../measures/measure-versions.repository.js';
import { measureNotFound } from '../../measures/measures.errors.js';
import { coversManagingBody } from '../measure-staff.js';

/** A measure in force whose managing body is one of the manager's offices. */
export interface ManagedMeasure {
  code: string;
  measureId: string;
  version: MeasureVersion;
}

/**
 * The measures a MANAGER is responsabile del procedimento for: those in force whose managing
 * body (an ATS or an Ambito) is in the manager's scope, the same rule as the ranking's
 * publication (measure-staff.ts). Any other measure does not exist for the manager's views.
 */
@Injectable()
export class ManagedMeasuresService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(actor: Principal): Promise<ManagedMeasure[]> {
    if (!hasRole(actor, Role.MANAGER)) return [];
    const { entities, raw } = await inForceQuery(this.db.manager, this.clock.now()).getRawAndEntities<{
      measure_code: string;
    }>();
    const byCode = new Map<string, ManagedMeasure>();
    entities.forEach((version, i) => {
      const code = raw[i].measure_code;
      // The highest version first (inForceQuery's order), should validities ever overlap.
      if (!byCode.has(code) && coversManagingBody(actor, version.managingBody)) {
        byCode.set(code, { code, measureId: version.measureId, version });
      }
    });
    return [...byCode.values()];
  }

  /** One managed measure; 404 for a measure another office manages, as for an unknown one. */
  async get(actor: Principal, code: string): Promise<ManagedMeasure> {
    const found = (await this.list(actor)).find((m) => m.code === code);
    if (!found) throw measureNotFound();
    return found;
  }
}
