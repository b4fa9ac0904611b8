import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { ProfileDto } from '../users/dto/profile.dto.js';
import { UsersService } from '../users/users.service.js';
import { AnyRole, Public } from './access-policy.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';
import { LoginDto, RefreshTokenDto, TokenPairDto } from './dto/login.dto.js';
import { RegisterApplicantDto } from './dto/register-applicant.dto.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Register an applicant account (citizen)' })
  @ApiCreatedResponse({ type: ProfileDto })
  register(@Body() dto: RegisterApplicantDto): Promise<ProfileDto> {
    return this.users.registerApplicant(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in with e-mail and password; returns an access JWT and a refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Throttled per account and per IP' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenPairDto> {
    return this.auth.login(dto, req.ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token: returns a new pair; reusing an old token revokes the session' })
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @AnyRole()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the session (refresh-token family) of the given token' })
  async logout(@Body() dto: RefreshTokenDto, @CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(dto.refreshToken, user.id);
  }
}
