import { IsOmittable } from '../../../common/errors/validation.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { IsAcceptablePassword } from '../password-policy.js';
import { MunicipalityDto } from '../../territory/dto/territory.dto.js';
import { Role } from '../../../common/access/role.js';

export class ScopeDto {
  @ApiProperty({ type: [String], example: ['326'] }) atsCodes: string[];
  @ApiProperty({ type: [String], example: [] }) ambitoCodes: string[];
}

/** What an account holder sees of themselves. */
export class ProfileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: Role, isArray: true }) roles: Role[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) birthDate: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'As declared, unless fiscalCodeVerified' }) fiscalCode:
    string | null;
  @ApiProperty({ description: 'Proven by a digital identity (SPID/CIE); a declared code is not' })
  fiscalCodeVerified: boolean;
  @ApiProperty() emailVerified: boolean;
  @ApiProperty({ type: MunicipalityDto, nullable: true }) residence: MunicipalityDto | null;
  @ApiProperty({ enum: ['it', 'en'] }) language: 'it' | 'en';
  @ApiProperty({ type: ScopeDto }) scope: ScopeDto;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  lastName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISTAT code of the municipality of residence' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(/^\d{6}$/, { message: 'residenceMunicipalityCode must be a 6-digit ISTAT code' })
  residenceMunicipalityCode?: string | null;

  @ApiPropertyOptional({ enum: ['it', 'en'] })
  @IsOmittable()
  @IsIn(['it', 'en'])
  language?: 'it' | 'en';
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @Length(1, 128)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128, description: 'Not one of the most common passwords' })
  @IsString()
  @IsAcceptablePassword()
  newPassword: string;
}
