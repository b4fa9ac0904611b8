import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { ApplicationStatus } from './domain/application-status.js';

export type Funding = 'none' | 'reserved' | 'queued';

/** A case (procedimento): from the citizen's draft to the decision. */
@Entity('applications')
export class Application {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') measureId: string;
  /** The version in force at submission; null while a draft. */
  @Column('uuid', { nullable: true }) measureVersionId: string | null;
  /** The account that applies: the citizen, or the CAV operator on behalf of a woman. */
  @Column('uuid') ownerId: string;
  @Column('text') ownerRole: 'APPLICANT' | 'CAV_OPERATOR';
  @Column('text') status: ApplicationStatus;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('boolean') sealed: boolean;
  @Column('varchar', { nullable: true }) beneficiaryFiscalCode: string | null;
  @Column('char', { nullable: true }) residenceIstatCode: string | null;
  @Column('varchar', { nullable: true }) atsCode: string | null;
  @Column('varchar', { nullable: true }) ambitoCode: string | null;
  @Column('text', { nullable: true }) managingKind: 'REGION' | 'ATS' | 'AMBITO' | null;
  @Column('text', { nullable: true }) managingCode: string | null;
  @Column('text', { nullable: true }) procedureType: 'a_sportello' | 'graduatoria' | 'in_kind' | null;
  @Column('integer', { nullable: true }) protocolYear: number | null;
  @Column('bigint', { nullable: true }) protocolSeq: string | null;
  @Column('text', { nullable: true }) protocolNumber: string | null;
  @Column('timestamptz', { nullable: true }) receivedAt: Date | null;
  @Column('date', { nullable: true }) receivedDate: string | null;
  @Column('integer', { nullable: true }) deadlineDays: number | null;
  @Column('integer') suspendedDays: number;
  @Column('date', { nullable: true }) suspendedSince: string | null;
  @Column('timestamptz', { nullable: true }) integrationRequestedAt: Date | null;
  @Column('jsonb', { nullable: true }) integrationRequest: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) integrationResponse: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) preRejectionNotice: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) observations: Record<string, unknown> | null;
  @Column('uuid', { nullable: true }) assignedOperatorId: string | null;
  @Column('jsonb', { nullable: true }) proposal: { outcome: 'approve' | 'reject'; reasons: string; at: string } | null;
  @Column('uuid', { nullable: true }) proposedBy: string | null;
  @Column('jsonb', { nullable: true }) decision: Record<string, unknown> | null;
  @Column('uuid', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('bigint', { nullable: true }) amountCents: string | null;
  @Column('text') funding: Funding;
  @Column('bigint') reservedAmount: string;
  @Column('bigint', { nullable: true }) recoveryAmountCents: string | null;
  /** Scorrimento order from a published graduatoria; null: protocol order. */
  @Column('integer', { nullable: true }) queuePosition: number | null;
  @Column('text', { nullable: true }) submitIdempotencyKey: string | null;
  @VersionColumn() version: number;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
