import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The submitted data exactly as received, with document hashes; immutable (trigger). */
@Entity('application_snapshots')
export class ApplicationSnapshot {
  @PrimaryColumn('uuid') applicationId: string;
  @Column('uuid') measureVersionId: string;
  @Column('text') measureContentHash: string;
  @Column('jsonb') submittedData: Record<string, unknown>;
  @Column('jsonb') documentHashes: unknown[];
  /** Ids of the measure's required documents not attached when submitted. */
  @Column('jsonb') missingDocuments: string[];
}

/** The eligibility evaluation at submission: what an auditor re-runs; immutable (trigger). */
@Entity('eligibility_decisions')
export class EligibilityDecision {
  @PrimaryColumn('uuid') applicationId: string;
  @Column('timestamptz') evaluatedAt: Date;
  @Column('date') applicationDate: string;
  @Column('jsonb') inputs: Record<string, unknown>;
  @Column('jsonb') context: Record<string, unknown>;
  @Column('text') ruleVersionHash: string;
  @Column('text') outcome: 'eligible' | 'not_eligible' | 'needs_review';
  @Column('jsonb') explanation: unknown[];
  @Column('jsonb') factIssues: unknown[];
  @Column('jsonb', { nullable: true }) benefit: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) benefitError: Record<string, unknown> | null;
}

/** Who moved a case, when, from where to where and why; immutable (trigger). */
@Entity('application_transitions')
export class ApplicationTransition {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') applicationId: string;
  @Column('text', { nullable: true }) fromStatus: string | null;
  @Column('text') toStatus: string;
  @Column('text') event: string;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('text') actorRole: string;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('jsonb', { nullable: true }) details: Record<string, unknown> | null;
  @Column('timestamptz') at: Date;
}

/** Every read of a sealed case; immutable (trigger). */
@Entity('application_access_log')
export class ApplicationAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') applicationId: string;
  @Column('uuid') actorId: string;
  @Column('text') actorRole: string;
  @Column('text') action: string;
  @Column('text', { nullable: true }) requestId: string | null;
  @Column('timestamptz') at: Date;
}
