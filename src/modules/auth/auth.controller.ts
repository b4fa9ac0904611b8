import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { RegistrationService } from './registration.service.js';
import { AllowWhilePending, AnyRole, Public } from '../../common/access/access-policy.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import { LoginDto, LoginResultDto, RefreshTokenDto } from './dto/login.dto.js';
import {
  EmailVerifiedDto,
  RegisterApplicantDto,
  RegistrationAcceptedDto,
  VerifyEmailDto,
} from './dto/register-applicant.dto.js';
import type { Principal } from '../../common/access/principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
  ) {}

  @Post('register')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register an applicant account (citizen)',
    description:
      'The same 202 whether or not the address is registered; a confirmation link is e-mailed, and the account can apply once it is opened.',
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedDto })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Throttled per client IP' })
  register(@Body() dto: RegisterApplicantDto, @Req() req: FastifyRequest): Promise<RegistrationAcceptedDto> {
    return this.registration.register(dto, req.ip);
  }

  @Post('verify-email')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm the e-mail address with the token of the link sent at registration' })
  @ApiOkResponse({ type: EmailVerifiedDto })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid, used or expired link' })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<EmailVerifiedDto> {
    return this.registration.verifyEmail(dto.token);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Log in with e-mail and password; returns an access JWT, a refresh token and what the account must still do',
  })
  @ApiOkResponse({ type: LoginResultDto })
  @ApiErrors(401)
  @ApiTooManyRequestsResponse({
    type: ProblemDto,
    description: 'Throttled per account; a client IP with many failures is slowed',
  })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginResultDto> {
    return this.auth.login(dto, req.ip);
  }

  @Post('refresh')
  @ApiErrors(401)
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token: returns a new pair; reusing an old token revokes the session' })
  @ApiOkResponse({ type: LoginResultDto })
  refresh(@Body() dto: RefreshTokenDto): Promise<LoginResultDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @AnyRole()
  @AllowWhilePending('password-change', 'email-verification')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended' })
  @ApiOperation({ summary: 'End the session of the given refresh token; its access tokens stop working at once' })
  async logout(@Body() dto: RefreshTokenDto, @CurrentUser() user: Principal): Promise<void> {
    await this.auth.logout(dto.refreshToken, user.id);
  }
}
