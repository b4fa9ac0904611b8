import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CoverageDto, TerritorialScopeDto } from '../../territory/dto/territory.dto.js';
import { ManagingBodyDto, QuotaDto, WindowDto } from './version-content.dto.js';

export class I18nTextDto {
  @ApiProperty() it: string;
  @ApiProperty() en: string;
}

export class VersionSummaryDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTo: string | null;
}

export class AdminMeasureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ORFANI-FEMMINICIDIO' }) code: string;
  @ApiProperty({ type: I18nTextDto, description: "The latest version's title" }) title: I18nTextDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: [VersionSummaryDto] }) versions: VersionSummaryDto[];
}

export class RequiredDocumentDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: I18nTextDto }) name: I18nTextDto;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Required only when this rule expression holds',
  })
  when?: unknown;
  @ApiProperty({ type: [String] }) mediaTypes: string[];
}

/** One version as published (public) or as stored (ADMIN, drafts included). */
export class MeasureVersionDto {
  @ApiProperty({ example: 'ORFANI-FEMMINICIDIO' }) code: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired'] }) status: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The MeasureDefinition: rules with their texts, benefit, form schema',
  })
  definition: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'definition.formSchema, the application form (JSON Schema 2020-12)',
  })
  formSchema: Record<string, unknown>;
  @ApiProperty({ type: [RequiredDocumentDto] }) requiredDocuments: RequiredDocumentDto[];
  @ApiProperty({ type: WindowDto }) window: WindowDto;
  @ApiProperty({ description: 'Applications are accepted now (window and clock)' }) open: boolean;
  @ApiProperty({ type: ManagingBodyDto }) managingBody: ManagingBodyDto;
  @ApiProperty({ type: TerritorialScopeDto }) territorialScope: TerritorialScopeDto;
  @ApiProperty({ type: [QuotaDto] }) quotas: QuotaDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validTo: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'sha256 of the frozen content; null for drafts' })
  contentHash: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: string | null;
  @ApiProperty({ description: 'For draft edits (optimistic concurrency)' }) lockVersion: number;
  @ApiPropertyOptional({
    type: CoverageDto,
    nullable: true,
    description:
      'Public reads: the municipalities the territorial scope covers in today’s map; null for a region-wide measure',
  })
  coverage?: CoverageDto | null;
}

export class PublicMeasureDto {
  @ApiProperty({ example: 'NIDI-GRATIS-PLUS-2024-25' }) code: string;
  @ApiProperty({ description: 'The version in force' }) version: number;
  @ApiProperty({ type: I18nTextDto }) title: I18nTextDto;
  @ApiProperty({ type: I18nTextDto }) description: I18nTextDto;
  @ApiProperty({ enum: ['a_sportello', 'graduatoria', 'in_kind'] }) procedureType: string;
  @ApiProperty({ type: ManagingBodyDto }) managingBody: ManagingBodyDto;
  @ApiProperty({ type: TerritorialScopeDto }) territorialScope: TerritorialScopeDto;
  @ApiProperty({ type: WindowDto }) window: WindowDto;
  @ApiProperty() open: boolean;
  @ApiProperty() contentHash: string;
}

export class ValidationProblemDto {
  @ApiProperty({ example: 'definition.eligibility.0.expression' }) field: string;
  @ApiProperty({ example: 'unknown fact "x"' }) message: string;
}

export class ValidationReportDto {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [ValidationProblemDto] }) problems: ValidationProblemDto[];
}
