import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Ambito territoriale: the social-services district (Piano di Zona) of a group of municipalities. */
@Entity('ambiti')
export class Ambito {
  @PrimaryColumn('varchar', { length: 64 })
  code: string;

  @Column('text')
  name: string;

  @Column('varchar', { length: 3 })
  atsCode: string;

  @Column('text', { nullable: true })
  period: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  sourceIds: string[];

  @Column('boolean', { default: false })
  membersComplete: boolean;

  @Column('timestamptz', { default: () => 'now()' })
  updatedAt: Date;
}
