import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../../common/clock/clock.js';
import { TransactionService } from '../../../common/database/transaction.service.js';
import { uniqueViolation } from '../../../common/database/pg-errors.js';
import { hasRole, type Principal } from '../../../common/access/principal.js';
import { measureNotFound } from '../../measures/measures.errors.js';
import { inForceOrNotFound } from '../../measures/measure-versions.repository.js';
import { Measure } from '../../measures/measure.entity.js';
import { Role } from '../../../common/access/role.js';
import { illegalTransition } from '../cases.errors.js';
import { CaseTransitions } from '../case-transitions.js';
import { lockCase } from '../cases.repository.js';
import { mayView } from '../case-access.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { alreadyPlaced, flatExists, flatNotInKind, flatTaken, noFlatAvailable } from './flats.errors.js';
import {
  alreadyHasFlat,
  flatsOfMeasure,
  insertAllocation,
  insertFlat,
  lockAvailableFlat,
  markAllocated,
  type FlatRow,
} from './flats.repository.js';
import type { AddFlatDto, AllocateFlatDto, FlatAllocationDto, FlatDto } from './flats.dto.js';

/** "Via Roma 12, Milano" → "Via R***": the address is sealed data. */
export const maskAddress = (address: string) => `${address.slice(0, 5)}***`;

const flatView = (f: FlatRow, full = false): FlatDto => ({
  ...f,
  address: full ? f.address : maskAddress(f.address),
});

/**
 * ALER flats for women leaving violence: an inventory per province, allocated one per approved
 * case. A flat is never allocated twice: the flat row is locked and flipped only from
 * available, and flat_allocations has a UNIQUE flat, case and woman.
 */
@Injectable()
export class FlatsService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly transitions: CaseTransitions,
  ) {}

  add(actor: Principal, code: string, dto: AddFlatDto) {
    return this.tx.run(async (em) => {
      const { measure, version } = await inForceOrNotFound(em, code, this.clock.now());
      if (version.definition.procedure.type !== 'in_kind') {
        throw flatNotInKind();
      }
      const flat = await insertFlat(em, {
        measureId: measure.id,
        province: dto.province,
        alerReference: dto.alerReference,
        address: dto.address,
        createdBy: actor.id,
        at: this.clock.now(),
      });
      if (!flat) throw flatExists();
      return flatView(flat);
    });
  }

  async list(code: string) {
    const measure = await this.db.getRepository(Measure).findOneBy({ code });
    if (!measure) throw measureNotFound();
    return (await flatsOfMeasure(this.db.manager, measure.id)).map((f) => flatView(f));
  }

  /** A MANAGER allocates one flat of the case's province to an APPROVED case. */
  allocate(actor: Principal, applicationId: string, dto: AllocateFlatDto): Promise<FlatAllocationDto> {
    return this.tx.run(async (em) => {
      const app = await lockCase(em, applicationId, (a) => mayView(actor, a) && hasRole(actor, Role.MANAGER));
      if (app.procedureType !== 'in_kind') {
        throw flatNotInKind();
      }
      if (app.status !== S.APPROVED) throw illegalTransition(app.status, 'flat_allocation');
      const province = typeof app.data.province === 'string' ? app.data.province : null;
      if (await alreadyHasFlat(em, app.id, app.beneficiaryFiscalCode)) throw alreadyPlaced();
      // The flat: locked, and taken only while available.
      const flat = await lockAvailableFlat(em, { measureId: app.measureId, province, flatId: dto.flatId });
      // Re-checked after the lock: a concurrent allocation may have taken it while we waited.
      if (!flat || flat.status !== 'available') {
        throw noFlatAvailable(province);
      }
      if (!(await markAllocated(em, flat.id))) throw flatTaken();
      const now = this.clock.now();
      try {
        await insertAllocation(em, {
          flatId: flat.id,
          applicationId: app.id,
          fiscalCode: app.beneficiaryFiscalCode,
          allocatedBy: actor.id,
          at: now,
        });
      } catch (error) {
        if (uniqueViolation(error) !== null) throw alreadyPlaced();
        throw error;
      }
      await this.transitions.move(em, actor, app, 'allocate_flat', {
        reason: 'Assegnazione alloggio ALER / ALER flat allocated',
        details: { flatId: flat.id, province: flat.province },
      });
      return { applicationId: app.id, allocatedAt: now, flat: flatView({ ...flat, status: 'allocated' }, true) };
    });
  }
}
