import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DeadLetterDto, InboxDto, MessageReadDto, ReplayedDto } from './notifications-views.dto.js';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { Allow, AnyRole } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('inbox')
  @AnyRole()
  @ApiOperation({ summary: "The caller's in-app notifications, newest first, with the unread count" })
  @ApiQuery({ name: 'unread', required: false, enum: ['true', 'false', '1', '0'] })
  @ApiOkResponse({ type: InboxDto })
  inbox(@CurrentUser() actor: Principal, @Query('unread') unread?: string) {
    return this.notifications.inbox(actor, unread === 'true' || unread === '1');
  }

  @Post('inbox/:id/read')
  @AnyRole()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of the caller’s own notifications read (idempotent)' })
  @ApiOkResponse({ type: MessageReadDto })
  read(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.notifications.markRead(actor, id);
  }

  @Get('admin/notifications/dead-letters')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Notifications no channel could deliver (dead letters)' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  deadLetters() {
    return this.notifications.deadLetters();
  }

  @Post('admin/notifications/:id/replay')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a dead-lettered notification again, from its first channel' })
  @ApiOkResponse({ type: ReplayedDto })
  replay(@Param('id', UuidPipe) id: string) {
    return this.notifications.replay(id);
  }
}
