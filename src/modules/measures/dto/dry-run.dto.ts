import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, Matches } from 'class-validator';
import { CoverageDto } from '../../territory/dto/territory.dto.js';
import { I18nTextDto } from './measure-views.dto.js';
import { IsCalendarDate } from '../../../common/http/validators.js';

export class DryRunDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Submitted facts, as an application form would carry them',
  })
  @IsObject()
  facts: Record<string, unknown>;

  @ApiPropertyOptional({ example: '2026-03-02', description: 'Default: today in Europe/Rome' })
  @IsOptional()
  @IsCalendarDate()
  applicationDate?: string;
}

export class RuleEvaluationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['requirement', 'review'] }) kind: string;
  @ApiProperty({ type: I18nTextDto }) text: I18nTextDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The facts the rule read (null: not provided)',
  })
  inputs: Record<string, unknown>;
  @ApiProperty({ enum: ['pass', 'fail', 'review'] }) result: string;
  @ApiPropertyOptional({ type: [String] }) missing?: string[];
  @ApiPropertyOptional() error?: string;
}

export class FactIssueDto {
  @ApiProperty() fact: string;
  @ApiProperty() code: string;
}

export class BenefitDto {
  @ApiProperty({ description: 'Total in euro cents (0 for in-kind)' }) amountCents: number;
  @ApiPropertyOptional() monthlyCents?: number;
  @ApiPropertyOptional() months?: number;
  @ApiPropertyOptional() units?: number;
  @ApiProperty({ type: I18nTextDto }) explanation: I18nTextDto;
}

export class BenefitErrorDto {
  @ApiProperty({ type: String, nullable: true, description: 'The fact at fault' }) fact: string | null;
  @ApiProperty() message: string;
}

export class DryRunResultDto {
  @ApiProperty({ enum: ['eligible', 'not_eligible', 'needs_review'] }) outcome: string;
  @ApiProperty({ type: [RuleEvaluationDto] }) rules: RuleEvaluationDto[];
  @ApiProperty({ type: [FactIssueDto] }) factIssues: FactIssueDto[];
  @ApiProperty({ type: BenefitDto, nullable: true }) benefit: BenefitDto | null;
  @ApiProperty({ type: BenefitErrorDto, nullable: true, description: 'Why no amount could be computed' })
  benefitError: BenefitErrorDto | null;
  @ApiProperty({ example: '2026-03-02' }) applicationDate: string;
  @ApiProperty({ type: String, nullable: true, description: "The version's content hash (null for a draft)" })
  contentHash: string | null;
  @ApiProperty({
    type: CoverageDto,
    nullable: true,
    description: 'The municipalities the territorial scope covers today; null for a region-wide measure',
  })
  coverage: CoverageDto | null;
}

export class MeasureListQueryDto {
  @ApiPropertyOptional({ description: 'true: only measures accepting applications now' })
  @IsOptional()
  @Matches(/^(true|false)$/, { message: 'open must be true or false' })
  open?: 'true' | 'false';
}
