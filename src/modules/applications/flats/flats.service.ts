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
import { illegalTransition } from '../application-errors.js';
import { CaseTransitions, lockCase } from '../case-transitions.js';
import { mayView } from '../case-access.js';
import { ApplicationStatus as S } from '../domain/application-status.js';
import { alreadyPlaced, flatExists, flatNotInKind, flatTaken, noFlatAvailable } from './flats.errors.js';
import type { AddFlatDto, AllocateFlatDto, FlatAllocationDto, FlatDto } from './flats.dto.js';

/** "Via Roma 12, Milano" → "Via R***": the address is sealed data. */
export const maskAddress = (address: string) => `${address.slice(0, 5)}***`;

interface FlatRow {
  id: string;
  province: string;
  aler_reference: string;
  address: string;
  status: 'available' | 'allocated';
  created_at: Date;
}

const flatView = (f: FlatRow, full = false): FlatDto => ({
  id: f.id,
  province: f.province,
  alerReference: f.aler_reference,
  address: full ? f.address : maskAddress(f.address),
  status: f.status,
  createdAt: f.created_at,
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
      const rows = (await em.query(
        `INSERT INTO flats (measure_id, province, aler_reference, address, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (measure_id, aler_reference) DO NOTHING RETURNING *`,
        [measure.id, dto.province, dto.alerReference, dto.address, actor.id, this.clock.now()],
      )) as FlatRow[];
      if (rows.length === 0) throw flatExists();
      return flatView(rows[0]);
    });
  }

  async list(code: string) {
    const measure = await this.db.getRepository(Measure).findOneBy({ code });
    if (!measure) throw measureNotFound();
    const rows = (await this.db.query(`SELECT * FROM flats WHERE measure_id = $1 ORDER BY province, created_at, id`, [
      measure.id,
    ])) as FlatRow[];
    return rows.map((f) => flatView(f));
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
      const placed = (await em.query(
        `SELECT 1 FROM flat_allocations WHERE application_id = $1 OR beneficiary_fiscal_code = $2`,
        [app.id, app.beneficiaryFiscalCode],
      )) as unknown[];
      if (placed.length > 0) throw alreadyPlaced();
      // The flat: locked, and taken only while available. SKIP LOCKED lets parallel allocations
      // of "any flat" take different ones instead of queueing on the same row.
      const flats = (await em.query(
        dto.flatId
          ? `SELECT * FROM flats WHERE id = $1 AND measure_id = $2 AND province = $3 AND status = 'available' FOR UPDATE`
          : `SELECT * FROM flats WHERE measure_id = $1 AND province = $2 AND status = 'available' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        dto.flatId ? [dto.flatId, app.measureId, province] : [app.measureId, province],
      )) as FlatRow[];
      // Re-checked after the lock: a concurrent allocation may have taken it while we waited.
      const flat = flats[0];
      if (!flat || flat.status !== 'available') {
        throw noFlatAvailable(province);
      }
      const updated = (await em.query(
        `UPDATE flats SET status = 'allocated' WHERE id = $1 AND status = 'available' RETURNING id`,
        [flat.id],
      )) as [unknown[], number];
      if (updated[1] !== 1) throw flatTaken();
      const now = this.clock.now();
      try {
        await em.query(
          `INSERT INTO flat_allocations (flat_id, application_id, beneficiary_fiscal_code, allocated_by, allocated_at) VALUES ($1, $2, $3, $4, $5)`,
          [flat.id, app.id, app.beneficiaryFiscalCode, actor.id, now],
        );
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
