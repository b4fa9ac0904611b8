import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A Lombardy comune, keyed by its ISTAT code, with the ATS and Ambito it belongs to. */
@Entity('municipalities')
export class Municipality {
  @PrimaryColumn('char', { length: 6 })
  istatCode: string;

  @Column('text')
  name: string;

  @Column('char', { length: 2 })
  province: string;

  @Column('varchar', { length: 3 })
  atsCode: string;

  @Column('varchar', { length: 64, nullable: true })
  ambitoCode: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
