import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

const STATUSES = ['SUBMITTED', 'IN_REVIEW', 'INTEGRATION_REQUESTED', 'PROPOSED', 'PRE_REJECTION_NOTICE', 'APPROVED', 'WAITLISTED', 'REJECTED', 'WITHDRAWN', 'REVOKED'];

/**
 * A calendar date or a date-time with its offset, as PostgreSQL reads it: no ISO week or
 * ordinal dates, no 30 February (the CSV export is refused before its first byte, not cut).
 */
const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/, { message: '$property must be YYYY-MM-DD or an ISO 8601 date-time with offset' }),
  );
/** amount_cents is a bigint: whole cents within JavaScript's exact integers. */
const IsCents = () => applyDecorators(Type(() => Number), IsInt(), Min(0), Max(Number.MAX_SAFE_INTEGER));

/** Filters shared by the decision search and the CSV export. */
export class DecisionFiltersDto {
  @ApiPropertyOptional({ example: 'B1-FNA-2025' }) @IsOptional() @IsString() @MaxLength(64) measureCode?: string;
  @ApiPropertyOptional({ description: 'Measure version number (with measureCode)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(2_147_483_647) measureVersion?: number;
  @ApiPropertyOptional({ description: 'received_at >= (ISO 8601)' }) @IsOptional() @IsInstant() receivedFrom?: string;
  @ApiPropertyOptional({ description: 'received_at < (ISO 8601)' }) @IsOptional() @IsInstant() receivedTo?: string;
  @ApiPropertyOptional({ description: 'decided_at >= (ISO 8601)' }) @IsOptional() @IsInstant() decidedFrom?: string;
  @ApiPropertyOptional({ description: 'decided_at < (ISO 8601)' }) @IsOptional() @IsInstant() decidedTo?: string;
  @ApiPropertyOptional({ example: '321' }) @IsOptional() @IsString() @MaxLength(3) atsCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) ambitoCode?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['eligible', 'not_eligible', 'needs_review'], description: 'Outcome of the eligibility evaluation' })
  @IsOptional()
  @IsIn(['eligible', 'not_eligible', 'needs_review'])
  eligibility?: string;
  @ApiPropertyOptional({ description: 'Officer who proposed' }) @IsOptional() @IsUUID() proposedBy?: string;
  @ApiPropertyOptional({ description: 'Officer who decided' }) @IsOptional() @IsUUID() decidedBy?: string;
  @ApiPropertyOptional({ description: 'amount_cents >=', type: 'integer' }) @IsOptional() @IsCents() minAmountCents?: number;
  @ApiPropertyOptional({ description: 'amount_cents <=', type: 'integer' }) @IsOptional() @IsCents() maxAmountCents?: number;
}

export class DecisionSearchDto extends DecisionFiltersDto {
  @ApiPropertyOptional({ description: "Keyset cursor: the previous page's nextAfter" }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/) after?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit: number = 50;
}

export class DisclosureDto {
  @ApiProperty() @IsUUID() decisionId: string;
  @ApiProperty({ minLength: 10, maxLength: 2000, description: 'Why the clear data are needed (written to the audit log)' })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  justification: string;
}

export class IndicatorTargetDto {
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsNumber() baseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) @IsOptional() @IsNumber() target2027: number | null;
}
