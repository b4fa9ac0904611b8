import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { QueryInt } from '../../../common/http/validators.js';

export const ISTAT_CODE = /^\d{6}$/;
export const ATS_CODE = /^\d{3}$/;
export const AMBITO_CODE = /^[A-Z0-9-]{2,64}$/;

export class AtsDto {
  @ApiProperty({ example: '326' }) code: string;
  @ApiProperty({ example: 'ATS Brescia' }) name: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '030326',
    description: 'Ministry of Health company code (region 030)',
  })
  ministryCode: string | null;
  @ApiProperty({ type: [String] }) sourceIds: string[];
}

export class AmbitoDto {
  @ApiProperty({ example: 'AMB-326-BRESCIA' }) code: string;
  @ApiProperty({ example: 'Ambito di Brescia' }) name: string;
  @ApiProperty({ example: '326' }) atsCode: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Period of the source the Ambito comes from',
    example: 'Piano di Zona 2021-2023',
  })
  period: string | null;
  @ApiProperty({ type: [String], description: 'Ids of its sources (docs/territory.md)' }) sourceIds: string[];
  @ApiProperty({ description: 'A source says the member list is complete' }) membersComplete: boolean;
}

export class MunicipalityDto {
  @ApiProperty({ example: '017029' }) istatCode: string;
  @ApiProperty({ example: 'Brescia' }) name: string;
  @ApiProperty({ example: 'BS' }) province: string;
  @ApiProperty({ example: '326' }) atsCode: string;
  @ApiProperty({ nullable: true, type: String, example: 'AMB-326-BRESCIA' }) ambitoCode: string | null;
}

export class MunicipalityPageDto {
  @ApiProperty({ type: [MunicipalityDto] }) items: MunicipalityDto[];
  @ApiProperty() total: number;
}

export class MunicipalityQueryDto {
  @ApiPropertyOptional({ description: 'Name prefix, case-insensitive', example: 'bres' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ example: '326' })
  @IsOptional()
  @Matches(ATS_CODE, { message: 'atsCode must be a 3-digit ATS code' })
  atsCode?: string;

  @ApiPropertyOptional({ example: 'AMB-326-BRESCIA' })
  @IsOptional()
  @Matches(AMBITO_CODE, { message: 'ambitoCode must be an Ambito code' })
  ambitoCode?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryInt(1, 500)
  limit = 50;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @QueryInt(0)
  offset = 0;
}

export class AmbitoQueryDto {
  @ApiPropertyOptional({ example: '326' })
  @IsOptional()
  @Matches(ATS_CODE, { message: 'atsCode must be a 3-digit ATS code' })
  atsCode?: string;
}

export class CreateAmbitoDto {
  @ApiProperty({ example: 'AMB-326-BRESCIA-OVEST', description: 'Upper-case letters, digits and dashes' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(AMBITO_CODE, { message: 'code must be 2-64 upper-case letters, digits or dashes' })
  code: string;

  @ApiProperty({ example: 'Ambito Brescia Ovest' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ example: '326' })
  @Matches(ATS_CODE, { message: 'atsCode must be a 3-digit ATS code' })
  atsCode: string;
}

export class UpdateAmbitoDto {
  @ApiProperty({ example: 'Ambito Brescia Ovest' })
  @IsString()
  @Length(2, 200)
  name: string;
}

export class AssignAmbitoDto {
  @ApiProperty({ nullable: true, type: String, description: 'Ambito code, or null to clear the assignment' })
  @ValidateIf((_, v) => v !== null)
  @Matches(AMBITO_CODE, { message: 'ambitoCode must be an Ambito code or null' })
  ambitoCode: string | null;
}

export class AmbitoMapEntryDto {
  @ApiProperty({ example: '017029' })
  @Matches(ISTAT_CODE, { message: 'istatCode must be a 6-digit ISTAT code' })
  istatCode: string;

  @ApiProperty({ nullable: true, type: String, example: 'AMB-326-BRESCIA' })
  @ValidateIf((_, v) => v !== null)
  @Matches(AMBITO_CODE, { message: 'ambitoCode must be an Ambito code or null' })
  ambitoCode: string | null;
}

export class LoadAmbitoMapDto {
  @ApiProperty({ type: [AmbitoMapEntryDto], description: 'Applied all-or-nothing in one transaction' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => AmbitoMapEntryDto)
  entries: AmbitoMapEntryDto[];
}

export class AmbitoMapResultDto {
  @ApiProperty() updated: number;
}

/** A set of territories: an officer's scope, or a measure's (both lists empty: the whole region). */
export class TerritorialScopeDto {
  @ApiProperty({ type: [String], example: ['326'] })
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @Matches(ATS_CODE, { each: true, message: 'each ATS code must have 3 digits' })
  atsCodes: string[];

  @ApiProperty({ type: [String], example: [] })
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(AMBITO_CODE, { each: true, message: 'each Ambito code must be an Ambito code' })
  ambitoCodes: string[];
}

export class AmbitoCsvDto {
  @ApiProperty({
    description:
      'CSV text: header istatCode,ambitoCode (or ;), one municipality per line; an empty ambitoCode clears it',
    example: 'istatCode,ambitoCode\n108039,AMB-324-SEREGNO',
  })
  @IsString()
  @Length(1, 200_000)
  csv: string;

  @ApiProperty({ description: 'false: preview the changes only; true: apply them (all-or-nothing)' })
  @IsBoolean()
  apply: boolean;
}

export class AmbitoChangeDto {
  @ApiProperty({ example: '108039' }) istatCode: string;
  @ApiProperty({ example: 'Seregno' }) name: string;
  @ApiProperty({ type: String, nullable: true }) before: string | null;
  @ApiProperty({ type: String, nullable: true }) after: string | null;
}

export class AmbitoCsvResultDto {
  @ApiProperty({ description: 'Whether the changes were applied (false: preview)' }) applied: boolean;
  @ApiProperty() rows: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [AmbitoChangeDto] }) changes: AmbitoChangeDto[];
}

export class AmbitoPeriodDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: no known Ambito in this period' }) ambitoCode:
    string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'null: since before an undated source' })
  validFrom: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Exclusive; null: still valid' }) validTo:
    string | null;
  @ApiProperty({ enum: ['reference', 'baseline', 'admin', 'admin_csv'] }) changeKind: string;
  @ApiProperty({ type: [String] }) sourceIds: string[];
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class CoveredMunicipalityDto {
  @ApiProperty({ example: '108039' }) istatCode: string;
  @ApiProperty({ example: 'Seregno' }) name: string;
  @ApiProperty({ example: 'MB' }) province: string;
}

export class CoveredAtsDto {
  @ApiProperty({ example: '324' }) code: string;
  @ApiProperty({ example: 'ATS della Brianza' }) name: string;
}

export class CoveredAmbitoDto {
  @ApiProperty({ example: 'AMB-324-SEREGNO' }) code: string;
  @ApiProperty({ example: 'Ambito distrettuale di Seregno' }) name: string;
  @ApiProperty({ example: '324' }) atsCode: string;
  @ApiProperty({ description: 'A source says the member list is complete' }) membersComplete: boolean;
  @ApiProperty({ type: [CoveredMunicipalityDto], description: 'Its municipalities in today’s map' })
  municipalities: CoveredMunicipalityDto[];
}

/** The area a territorial measure covers (null for a region-wide one). */
export class CoverageDto {
  @ApiProperty({ type: [CoveredAtsDto] }) ats: CoveredAtsDto[];
  @ApiProperty({ type: [CoveredAmbitoDto] }) ambiti: CoveredAmbitoDto[];
}
