import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A territory an OPERATOR or MANAGER works on: one ATS or one Ambito per row. */
@Entity('user_scopes')
export class UserScope {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('varchar', { length: 3, nullable: true })
  atsCode: string | null;

  @Column('varchar', { length: 64, nullable: true })
  ambitoCode: string | null;
}
