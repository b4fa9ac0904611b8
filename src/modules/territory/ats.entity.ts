import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Agenzia di Tutela della Salute: one of the 8 health-protection agencies of Lombardy. */
@Entity('ats')
export class Ats {
  @PrimaryColumn('varchar', { length: 3 })
  code: string;

  @Column('text')
  name: string;

  @Column('char', { length: 6, nullable: true })
  ministryCode: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  sourceIds: string[];
}
