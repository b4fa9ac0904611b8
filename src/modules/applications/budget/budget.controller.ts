import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { MeasureCodePipe } from '../../measures/measure-params.js';
import { Role } from '../../../common/access/role.js';
import { BudgetAdminService } from './budget-admin.service.js';
import { BudgetIncreaseResultDto, BudgetStatusDto, IncreaseBudgetDto } from './budget.dto.js';

@ApiTags('budgets')
@Controller()
export class BudgetsController {
  constructor(private readonly budgets: BudgetAdminService) {}

  @Get('measures/:code/budget')
  @Allow(Role.ADMIN, Role.MANAGER, Role.AUDITOR)
  @ApiOperation({
    summary:
      "Budget ledger of a measure: total, reserved, available, queue, last movements (sealed measure: a case's movements only to its staff, aggregates to others)",
  })
  @ApiOkResponse({ type: BudgetStatusDto })
  status(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.budgets.status(actor, code);
  }

  @Post('admin/measures/:code/budget/increase')
  @Allow(Role.ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Raise the budget: the waiting list is funded in protocol order (scorrimento)' })
  @ApiOkResponse({ type: BudgetIncreaseResultDto })
  increase(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Body() dto: IncreaseBudgetDto,
  ) {
    return this.budgets.increase(actor, code, dto.amount, dto.reason);
  }
}
