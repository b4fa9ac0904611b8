import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Role } from './role.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

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

  /** Codice fiscale; applicants only; unique. */
  @Column('varchar', { length: 16, nullable: true })
  fiscalCode: string | null;

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
