import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One refresh token. Only its SHA-256 is stored. Tokens of one login form a family: each use
 * rotates to a new token, and presenting a used one revokes the whole family (theft signal).
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  familyId: string;

  @Column('uuid')
  userId: string;

  @Column('bytea')
  tokenHash: Buffer;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  usedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { nullable: true })
  replacedBy: string | null;
}
