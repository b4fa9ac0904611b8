import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { MeasureCodePipe } from '../../measures/measure-params.js';
import { Role } from '../../../common/access/role.js';
import { CaseReadsService } from '../case-reads.service.js';
import { CheckOutcomeDto, CheckSampleDto, DrawSampleDto } from './checks.dto.js';
import { ChecksService } from './checks.service.js';
import { ApplicationDto } from '../intake/intake.dto.js';

/** Art. 71 checks: samples and outcomes. */
@ApiTags('checks')
@Controller()
export class ChecksController {
  constructor(
    private readonly checks: ChecksService,
    private readonly reads: CaseReadsService,
  ) {}

  @Post('measures/:code/checks/samples')
  @Allow(Role.MANAGER)
  @ApiOperation({
    summary:
      'Art. 71 DPR 445/2000: draw a reproducible random sample of APPROVED cases (seed, size or percentage recorded)',
  })
  @ApiCreatedResponse({ type: CheckSampleDto })
  draw(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string, @Body() dto: DrawSampleDto) {
    return this.checks.draw(actor, code, dto);
  }

  @Get('measures/:code/checks/samples')
  @Allow(Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'The check samples drawn for a measure' })
  @ApiOkResponse({ type: [CheckSampleDto] })
  samples(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.checks.list(actor, code);
  }

  @Post('cases/:id/check-outcome')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record the outcome of the art. 71 check of a sampled case; failed revokes the benefit (amount to recover recorded)',
  })
  @ApiOkResponse({ type: ApplicationDto })
  async outcome(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: CheckOutcomeDto) {
    return this.reads.present(actor, await this.checks.record(actor, id, dto));
  }
}
