import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../../common/errors/problem.dto.js';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import {
  AccountDto,
  AccountPageDto,
  AccountQueryDto,
  CreatedStaffDto,
  CreateStaffDto,
  UpdateStaffDto,
} from './dto/staff.dto.js';
import { Role } from '../../common/access/role.js';
import { StaffAccountsService } from './staff-accounts.service.js';

@ApiTags('admin: accounts')
@Controller('admin/users')
export class StaffAccountsController {
  constructor(private readonly accounts: StaffAccountsService) {}

  @Post()
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Create a staff account with roles and territorial scope' })
  @ApiCreatedResponse({ type: CreatedStaffDto })
  create(@CurrentUser() actor: Principal, @Body() dto: CreateStaffDto) {
    return this.accounts.create(actor, dto);
  }

  @Get()
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'List accounts' })
  @ApiOkResponse({ type: AccountPageDto })
  list(@Query() query: AccountQueryDto) {
    return this.accounts.list(query);
  }

  @Get(':id')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: AccountDto })
  get(@Param('id', UuidPipe) id: string) {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Change names, roles or territorial scope (optimistic concurrency on version)' })
  @ApiOkResponse({ type: AccountDto })
  @ApiConflictResponse({ type: ProblemDto })
  update(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: UpdateStaffDto) {
    return this.accounts.update(actor, id, dto);
  }

  @ApiErrors(409)
  @Post(':id/disable')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable an account: its tokens stop working at once' })
  @ApiOkResponse({ type: AccountDto })
  disable(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.accounts.setDisabled(actor, id, true);
  }

  @Post(':id/enable')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a disabled account' })
  @ApiOkResponse({ type: AccountDto })
  enable(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.accounts.setDisabled(actor, id, false);
  }
}
