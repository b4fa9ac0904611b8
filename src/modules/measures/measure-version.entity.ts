import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MeasureDefinition } from './domain/index.js';
import type { ManagingBody, Quota, TerritorialScopeJson } from './measure-version-content.js';

export type VersionStatus = 'draft' | 'published' | 'retired';

/**
 * One version of a measure. Drafts are editable; publishing freezes the content (a database
 * trigger rejects any change of content columns and any delete of a non-draft row).
 */
@Entity('measure_versions')
export class MeasureVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  measureId: string;

  @Column('int')
  version: number;

  @Column('text')
  status: VersionStatus;

  @Column('jsonb')
  definition: MeasureDefinition;

  /** Application window, as instants (written with the Europe/Rome offset). */
  @Column('timestamptz')
  windowOpensAt: Date;

  @Column('timestamptz')
  windowClosesAt: Date;

  @Column('jsonb')
  managingBody: ManagingBody;

  /** Empty lists: the whole region. */
  @Column('jsonb')
  territorialScope: TerritorialScopeJson;

  @Column('jsonb', { default: () => "'[]'" })
  quotas: Quota[];

  /** Validity period: set on publish; valid_to when a later version takes over or on retire. */
  @Column('timestamptz', { nullable: true })
  validFrom: Date | null;

  @Column('timestamptz', { nullable: true })
  validTo: Date | null;

  @Column('text', { nullable: true })
  contentHash: string | null;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @Column('uuid', { nullable: true })
  publishedBy: string | null;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  retiredAt: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;

  /** Optimistic concurrency for draft edits. */
  @Column('int', { default: 1 })
  lockVersion: number;
}
