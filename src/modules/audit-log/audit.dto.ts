import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsTimestamp, QueryInt } from '../../common/http/validators.js';

export class AuditEntriesQueryDto {
  @ApiPropertyOptional({ example: 'auth.login_failed' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z_]+(\.[a-z_]+)+$/)
  action?: string;
  @ApiPropertyOptional({ description: 'Actor account id' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: 'user' }) @IsOptional() @IsString() @MaxLength(64) targetType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) targetId?: string;
  @ApiPropertyOptional({ description: 'occurred_at >= from (ISO 8601)' }) @IsOptional() @IsTimestamp() from?: string;
  @ApiPropertyOptional({ description: 'occurred_at < to (ISO 8601)' }) @IsOptional() @IsTimestamp() to?: string;
  @ApiPropertyOptional({ description: 'Keyset cursor: entries with seq greater than this' })
  @IsOptional()
  @QueryInt(0)
  after?: number;
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryInt(1, 500)
  limit: number = 50;
}

export class AuditEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ nullable: true, type: String }) targetType: string | null;
  @ApiProperty({ nullable: true, type: String }) targetId: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: Object }) change: Record<string, unknown>;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class AuditEntriesPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as `after` for the next page; null at the end' })
  nextAfter: number | null;
}

export class BrokenEntryDto {
  @ApiProperty() seq: number;
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['hash', 'link', 'seq'] }) reason: string;
  @ApiProperty() expected: string;
  @ApiProperty() stored: string;
}

export class AuditVerifyDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ type: BrokenEntryDto, nullable: true }) firstBroken: BrokenEntryDto | null;
}
