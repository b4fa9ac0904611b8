import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { AMBITO_CODE, TerritorialScopeDto } from '../../territory/dto/territory.dto.js';
import { IsInt4, IsInt8, IsTimestamp } from '../../../common/http/validators.js';

export class WindowDto {
  @ApiProperty({
    format: 'date-time',
    example: '2026-01-01T00:00:00+01:00',
    description: 'Opening instant, written with its Europe/Rome offset',
  })
  @IsTimestamp({ offset: true })
  opensAt: string;

  @ApiProperty({
    format: 'date-time',
    example: '2027-12-31T23:59:59+01:00',
    description: 'Closing instant (inclusive)',
  })
  @IsTimestamp({ offset: true })
  closesAt: string;
}

export class ManagingBodyDto {
  @ApiProperty({ enum: ['REGION', 'ATS', 'AMBITO'] })
  @IsIn(['REGION', 'ATS', 'AMBITO'])
  kind: 'REGION' | 'ATS' | 'AMBITO';

  @ApiProperty({
    type: String,
    nullable: true,
    example: '326',
    description: 'null for the Region; the ATS or Ambito code otherwise',
  })
  @ValidateIf((o: ManagingBodyDto) => o.kind !== 'REGION' || o.code !== null)
  @IsString()
  @Matches(AMBITO_CODE, { message: 'code must be an ATS or Ambito code' })
  code: string | null;
}

export class QuotaDto {
  @ApiProperty({ enum: ['ATS', 'AMBITO'] })
  @IsIn(['ATS', 'AMBITO'])
  kind: 'ATS' | 'AMBITO';

  @ApiProperty({ example: '326' })
  @IsString()
  @Matches(AMBITO_CODE, { message: 'code must be an ATS or Ambito code' })
  code: string;

  @ApiProperty({ description: "Share of the budget, in the budget's unit (cents or units)", example: 10_000_000 })
  @IsInt8(0)
  amount: number;
}

/** Everything a version holds besides its status: what publishing freezes. */
export class VersionContentDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'A MeasureDefinition (docs/eligibility.md)' })
  @IsObject()
  definition: Record<string, unknown>;

  @ApiProperty({ type: WindowDto })
  @ValidateNested()
  @Type(() => WindowDto)
  window: WindowDto;

  @ApiProperty({ type: ManagingBodyDto })
  @ValidateNested()
  @Type(() => ManagingBodyDto)
  managingBody: ManagingBodyDto;

  @ApiProperty({ type: TerritorialScopeDto })
  @ValidateNested()
  @Type(() => TerritorialScopeDto)
  territorialScope: TerritorialScopeDto;

  @ApiPropertyOptional({ type: [QuotaDto], description: 'Optional shares of the budget per ATS or Ambito' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(300)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas?: QuotaDto[];
}

export class ReplaceDraftDto extends VersionContentDto {
  @ApiProperty({ description: 'The lockVersion read; a stale one gets 409' })
  @IsInt4(1)
  lockVersion: number;
}

export class PublishDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Start of validity; default now. The previous version stays in force until then.',
  })
  @IsOptional()
  @IsTimestamp({ offset: true })
  validFrom?: string;
}
