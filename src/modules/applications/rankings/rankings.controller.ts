import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { MeasureCodePipe } from '../../measures/measure-params.js';
import { Role } from '../../../common/access/role.js';
import { RankingDto, RankingPositionDto } from './rankings.dto.js';
import { RankingsService } from './rankings.service.js';

/** Graduatorie: publication, reading, an applicant's place. */
@ApiTags('rankings')
@Controller()
export class RankingsController {
  constructor(private readonly rankings: RankingsService) {}

  @Post('measures/:code/rankings')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @ApiOperation({
    summary:
      'Graduatoria: compute and publish the frozen ranking after the window closes (every case examined); funded → APPROVED, waitlisted → WAITLISTED in ranking order, not admitted → REJECTED',
  })
  @ApiCreatedResponse({ type: RankingDto })
  compute(@CurrentUser() actor: Principal, @Param('code', MeasureCodePipe) code: string) {
    return this.rankings.compute(actor, code);
  }

  @Get('measures/:code/rankings/:id')
  @Allow(Role.OPERATOR, Role.MANAGER, Role.AUDITOR)
  @ApiOperation({ summary: 'A published ranking: positions, funded / waitlisted / not admitted, amounts, quotas' })
  @ApiOkResponse({ type: RankingDto })
  get(
    @CurrentUser() actor: Principal,
    @Param('code', MeasureCodePipe) code: string,
    @Param('id', UuidPipe) id: string,
  ) {
    return this.rankings.get(actor, code, id);
  }

  @Get('applications/:id/ranking')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({
    summary: "The application's place in the published ranking (its owner, or staff who may see the case)",
  })
  @ApiOkResponse({ type: RankingPositionDto })
  position(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.rankings.positionOf(actor, id);
  }
}
