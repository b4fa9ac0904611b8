import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsCodiceFiscale } from '../../../common/identifiers/index.js';
import { IsAcceptablePassword } from '../../users/password-policy.js';
import { IsCalendarDate } from '../../../common/http/validators.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;

export class RegisterApplicantDto {
  @ApiProperty({ example: 'maria.rossi@example.org' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 128,
    example: 'una-frase-lunga-e-segreta',
    description: 'Not one of the most common passwords',
  })
  @IsString()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ example: 'Maria' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  firstName: string;

  @ApiProperty({ example: 'Rossi' })
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  lastName: string;

  @ApiProperty({ format: 'date', example: '1985-12-10' })
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({
    description: 'Codice fiscale (16 characters, homocode variants accepted, or the 11-digit provisional code)',
    example: 'RSSMRA85T50A794S',
  })
  @Transform(upper)
  @IsCodiceFiscale()
  fiscalCode: string;

  @ApiPropertyOptional({ description: 'ISTAT code of the municipality of residence', example: '017029' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'residenceMunicipalityCode must be a 6-digit ISTAT code' })
  residenceMunicipalityCode?: string;

  @ApiPropertyOptional({ enum: ['it', 'en'], default: 'it' })
  @IsOptional()
  @IsIn(['it', 'en'])
  language?: 'it' | 'en';
}

export class RegistrationAcceptedDto {
  @ApiProperty({ enum: ['verification_pending'] }) status: 'verification_pending';
  @ApiProperty({ description: 'What to do next, in Italian' }) message: string;
  @ApiProperty({ description: 'The same, in English' }) messageEn: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token of the link e-mailed at registration' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a verification token' })
  token: string;
}

export class EmailVerifiedDto {
  @ApiProperty() emailVerified: boolean;
}
