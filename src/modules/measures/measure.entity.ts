import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A measure (misura): a stable code; its content lives in its versions. */
@Entity('measures')
export class Measure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('varchar', { length: 64 })
  code: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
