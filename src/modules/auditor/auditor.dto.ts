import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { INT4_MAX, IsInstantIdCursor, IsTimestamp, QueryInt } from '../../common/http/validators.js';

const STATUSES = [
  'SUBMITTED',
  'IN_REVIEW',
  'INTEGRATION_REQUESTED',
  'PROPOSED',
  'PRE_REJECTION_NOTICE',
  'APPROVED',
  'WAITLISTED',
  'REJECTED',
  'WITHDRAWN',
  'REVOKED',
];

/** Filters shared by the decision search and the CSV export. */
export class DecisionFiltersDto {
  @ApiPropertyOptional({ example: 'B1-FNA-2025' }) @IsOptional() @IsString() @MaxLength(64) measureCode?: string;
  @ApiPropertyOptional({ description: 'Measure version number (with measureCode)' })
  @IsOptional()
  @QueryInt(1, INT4_MAX)
  measureVersion?: number;
  @ApiPropertyOptional({ description: 'received_at >= (ISO 8601)' }) @IsOptional() @IsTimestamp() receivedFrom?: string;
  @ApiPropertyOptional({ description: 'received_at < (ISO 8601)' }) @IsOptional() @IsTimestamp() receivedTo?: string;
  @ApiPropertyOptional({ description: 'decided_at >= (ISO 8601)' }) @IsOptional() @IsTimestamp() decidedFrom?: string;
  @ApiPropertyOptional({ description: 'decided_at < (ISO 8601)' }) @IsOptional() @IsTimestamp() decidedTo?: string;
  @ApiPropertyOptional({ example: '321' }) @IsOptional() @IsString() @MaxLength(3) atsCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) ambitoCode?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({
    enum: ['eligible', 'not_eligible', 'needs_review'],
    description: 'Outcome of the eligibility evaluation',
  })
  @IsOptional()
  @IsIn(['eligible', 'not_eligible', 'needs_review'])
  eligibility?: string;
  @ApiPropertyOptional({ description: 'Officer who proposed' }) @IsOptional() @IsUUID() proposedBy?: string;
  @ApiPropertyOptional({ description: 'Officer who decided' }) @IsOptional() @IsUUID() decidedBy?: string;
  @ApiPropertyOptional({ description: 'amount_cents >=' }) @IsOptional() @QueryInt(0) minAmountCents?: number;
  @ApiPropertyOptional({ description: 'amount_cents <=' }) @IsOptional() @QueryInt(0) maxAmountCents?: number;
}

export class DecisionSearchDto extends DecisionFiltersDto {
  @ApiPropertyOptional({ description: "Keyset cursor: the previous page's nextAfter" })
  @IsOptional()
  @IsInstantIdCursor()
  after?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @QueryInt(1, 500) limit: number = 50;
}

export class DisclosureDto {
  @ApiProperty() @IsUUID() decisionId: string;
  @ApiProperty({
    minLength: 10,
    maxLength: 2000,
    description: 'Why the clear data are needed (written to the audit log)',
  })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  justification: string;
}

export class IndicatorTargetDto {
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsNumber() baseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsNumber() target2027: number | null;
}
