import { Body, Controller, Get, HttpCode, Patch, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AllowWhilePending, AnyRole } from '../../common/access/access-policy.js';
import { Role } from '../../common/access/role.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal, SessionPrincipal } from '../../common/access/principal.js';
import { ChangePasswordDto, ProfileDto, UpdateProfileDto } from './dto/profile.dto.js';
import { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './dto/profile-preferences.dto.js';
import { ProfilePreferencesService } from './profile-preferences.service.js';
import { UsersService } from './users.service.js';

/** The caller's own account. */
@ApiTags('me')
@Controller('me')
export class ProfileController {
  constructor(
    private readonly users: UsersService,
    private readonly preferences: ProfilePreferencesService,
  ) {}

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

  /** Case messages go to who applied: an applicant, or the anti-violence centre's operator. */
  @Get('notification-preferences')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({ summary: 'My notification preferences: e-mail and App IO for the messages the law does not require' })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  getPreferences(@CurrentUser() me: Principal) {
    return this.preferences.get(me.id);
  }

  @Put('notification-preferences')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({
    summary:
      'Set my notification preferences (decisions, integration requests and 10-bis notices are delivered whatever they say; the inbox keeps everything)',
  })
  @ApiOkResponse({ type: NotificationPreferencesDto })
  setPreferences(@CurrentUser() me: Principal, @Body() dto: UpdateNotificationPreferencesDto) {
    return this.preferences.set(me.id, dto);
  }
}
