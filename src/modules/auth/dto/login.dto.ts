import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'maria.rossi@example.org' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token returned by login or by the previous refresh' })
  @IsString()
  @Matches(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, { message: 'refreshToken is not a refresh token' })
  refreshToken: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived JWT for the Authorization: Bearer header' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({ description: 'Single-use token to obtain the next pair; rotate on every use' })
  refreshToken: string;

  @ApiProperty({ format: 'date-time' })
  refreshTokenExpiresAt: string;
}

export class LoginResultDto extends TokenPairDto {
  @ApiProperty({
    description:
      'The password is temporary: every route but PUT /me/password answers 403 PASSWORD_CHANGE_REQUIRED until it is changed',
  })
  passwordChangeRequired: boolean;

  @ApiProperty({
    description:
      'False until the link e-mailed at registration is opened; writes answer 403 EMAIL_VERIFICATION_REQUIRED until then',
  })
  emailVerified: boolean;
}
