import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { MeasureCodePipe } from '../measures/measure-params.js';
import { Role } from '../../common/access/role.js';
import { CaseReadsService } from './case-reads.service.js';
import { ChecksService } from './checks.service.js';
import { ApplicationDto } from './dto/application.dto.js';
import { AddFlatDto, AllocateFlatDto, CheckOutcomeDto, DrawSampleDto } from './dto/allocation.dto.js';
import { FlatsService } from './flats.service.js';
import { RankingsService } from './rankings.service.js';

@ApiTags('rankings')
@Controller()
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Post('measures/:code/rankings')
  @Allow(Role.MANAGER)
  @ApiOperation({
    summary: 'Graduatoria: compute and publish the frozen ranking after the window closes (every case examined); funded → APPROVED, waitlisted → WAITLISTED in ranking order, not admitted → REJECTED',
  })
  @ApiCreatedResponse({ schema: { type: 'object' } })
  compute(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.rankings.compute(actor, code);
  }

  @Get('measures/:code/rankings/:id')
  @Allow(Role.OPERATOR, Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'A published ranking: positions, funded / waitlisted / not admitted, amounts, quotas' })
  @ApiOkResponse({ schema: { type: 'object' } })
  get(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string, @Param('id', UuidPipe) id: string) {
    return this.rankings.get(actor, code, id);
  }

  @Get('applications/:id/ranking')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: "The application's place in the published ranking (its owner, or staff who may see the case)" })
  @ApiOkResponse({ schema: { type: 'object' } })
  position(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.rankings.positionOf(actor, id);
  }
}

@ApiTags('flats')
@Controller()
export class FlatsController {
  constructor(private readonly flats: FlatsService) {}

  @Post('admin/measures/:code/flats')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: 'Add an ALER flat to the inventory of an in-kind measure' })
  @ApiCreatedResponse({ schema: { type: 'object' } })
  add(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string, @Body() dto: AddFlatDto) {
    return this.flats.add(actor, code, dto);
  }

  @Get('measures/:code/flats')
  @Allow(Role.ADMIN, Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'The flats inventory by province (addresses masked)' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  list(@Param('code', MeasureCodePipe) code: string) {
    return this.flats.list(code);
  }

  @Post('cases/:id/flat-allocation')
  @Allow(Role.MANAGER)
  @ApiOperation({ summary: "Allocate an available flat of the case's province to an APPROVED in-kind case (never twice, one per woman)" })
  @ApiCreatedResponse({ schema: { type: 'object' } })
  allocate(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: AllocateFlatDto) {
    return this.flats.allocate(actor, id, dto);
  }
}

@ApiTags('checks')
@Controller()
export class ChecksController {
  constructor(
    private readonly checks: ChecksService,
    private readonly reads: CaseReadsService,
  ) {}

  @Post('measures/:code/checks/samples')
  @Allow(Role.MANAGER)
  @ApiOperation({ summary: 'Art. 71 DPR 445/2000: draw a reproducible random sample of APPROVED cases (seed, size or percentage recorded)' })
  @ApiCreatedResponse({ schema: { type: 'object' } })
  draw(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string, @Body() dto: DrawSampleDto) {
    return this.checks.draw(actor, code, dto);
  }

  @Get('measures/:code/checks/samples')
  @Allow(Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'The check samples drawn for a measure' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object' } } })
  samples(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.checks.list(actor, code);
  }

  @Post('cases/:id/check-outcome')
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the outcome of the art. 71 check of a sampled case; failed revokes the benefit (amount to recover recorded)' })
  @ApiOkResponse({ type: ApplicationDto })
  async outcome(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: CheckOutcomeDto) {
    return this.reads.present(actor, await this.checks.record(actor, id, dto));
  }
}
