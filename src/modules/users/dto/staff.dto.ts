import { IsOmittable } from '../../../common/errors/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { TerritorialScopeDto } from '../../territory/dto/territory.dto.js';
import { ALL_ROLES, Role, STAFF_ROLES } from '../../../common/access/role.js';
import { ProfileDto, ScopeDto } from './profile.dto.js';
import { IsInt4, QueryInt } from '../../../common/http/validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateStaffDto {
  @ApiProperty({ example: 'l.bianchi@ats-brescia.it' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty() @Transform(trim) @IsString() @Length(1, 100) firstName: string;
  @ApiProperty() @Transform(trim) @IsString() @Length(1, 100) lastName: string;

  @ApiProperty({ enum: STAFF_ROLES, isArray: true, example: [Role.OPERATOR] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @ArrayUnique()
  @IsIn(STAFF_ROLES, { each: true, message: `each role must be one of ${STAFF_ROLES.join(', ')}` })
  roles: Role[];

  @ApiProperty({ type: TerritorialScopeDto, description: 'Required (non-empty) for OPERATOR and MANAGER' })
  @ValidateNested()
  @Type(() => TerritorialScopeDto)
  scope: TerritorialScopeDto;
}

export class UpdateStaffDto {
  @ApiProperty({ description: 'The version read; a stale version gets 409' })
  @IsInt4(1)
  version: number;

  @ApiPropertyOptional() @IsOmittable() @Transform(trim) @IsString() @Length(1, 100) firstName?: string;
  @ApiPropertyOptional() @IsOmittable() @Transform(trim) @IsString() @Length(1, 100) lastName?: string;

  @ApiPropertyOptional({ enum: Role, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ALL_ROLES.length)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({ type: TerritorialScopeDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => TerritorialScopeDto)
  scope?: TerritorialScopeDto;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
}

export class CreatedStaffDto extends AccountDto {
  @ApiProperty({ description: 'Shown once: the person changes it with PUT /me/password' })
  temporaryPassword: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] }) items: AccountDto[];
  @ApiProperty() total: number;
}

export class AccountQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: 'E-mail or last-name prefix' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @QueryInt(1, 200) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @QueryInt(0) offset = 0;
}

export class ApplicantQueryDto {
  @ApiPropertyOptional({ description: 'Exact codice fiscale' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value))
  @Matches(/^[A-Z0-9]{11,16}$/, { message: 'fiscalCode must be 11 or 16 letters and digits' })
  fiscalCode?: string;

  @ApiPropertyOptional({ description: 'Last-name prefix' })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  lastName?: string;

  @ApiPropertyOptional({ default: 50 }) @IsOptional() @QueryInt(1, 200) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @QueryInt(0) offset = 0;
}

export class ApplicantPageDto {
  @ApiProperty({ type: [ProfileDto] }) items: ProfileDto[];
  @ApiProperty() total: number;
}
