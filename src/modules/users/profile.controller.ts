import { Body, Controller, Get, HttpCode, Patch, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowWhilePending, AnyRole } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal, SessionPrincipal } from '../../common/access/principal.js';
import { ChangePasswordDto, ProfileDto, UpdateProfileDto } from './dto/profile.dto.js';
import { UsersService } from './users.service.js';

/** The caller's own account. */
@ApiTags('me')
@Controller('me')
export class ProfileController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @AnyRole()
  @ApiOperation({ summary: 'My profile' })
  @ApiOkResponse({ type: ProfileDto })
  get(@CurrentUser() me: Principal) {
    return this.users.profileOf(me.id);
  }

  @Patch()
  @AnyRole()
  @AllowWhilePending('email-verification')
  @ApiOperation({ summary: 'Update my name, residence or language' })
  @ApiOkResponse({ type: ProfileDto })
  update(@CurrentUser() me: Principal, @Body() dto: UpdateProfileDto) {
    return this.users.updateProfile(me, dto);
  }

  @Put('password')
  @AnyRole()
  @AllowWhilePending('password-change', 'email-verification')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password (ends my other sessions; required first after a temporary password)' })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() me: SessionPrincipal, @Body() dto: ChangePasswordDto) {
    return this.users.changePassword(me, dto);
  }
}
