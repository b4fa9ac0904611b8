import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Role } from '../../common/access/role.js';

/** Digital identities that prove a codice fiscale. */
export type FiscalCodeSource = 'spid' | 'cie';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  /** Computed by the database (see canonicalEmail): the form every comparison uses. */
  @Column({ type: 'text', insert: false, update: false })
  emailCanonical: string;

  /** Null until the holder opens the link e-mailed at self-registration. */
  @Column('timestamptz', { nullable: true })
  emailVerifiedAt: Date | null;

  /** Set on passwords an administrator created: every route but the change answers 403 until then. */
  @Column('boolean', { default: false })
  passwordChangeRequired: boolean;

  @Column('text')
  passwordHash: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('text')
  firstName: string;

  @Column('text')
  lastName: string;

  /** YYYY-MM-DD; applicants only. */
  @Column('date', { nullable: true })
  birthDate: string | null;

  /**
   * Codice fiscale; applicants only. As declared at registration it proves nothing and is not
   * unique; it is unique once a digital identity (SPID/CIE) verified it.
   */
  @Column('varchar', { length: 16, nullable: true })
  fiscalCode: string | null;

  @Column('timestamptz', { nullable: true })
  fiscalCodeVerifiedAt: Date | null;

  @Column('text', { nullable: true })
  fiscalCodeSource: FiscalCodeSource | null;

  @Column('char', { length: 6, nullable: true })
  residenceMunicipalityCode: string | null;

  @Column('varchar', { length: 2, default: 'it' })
  language: 'it' | 'en';

  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
