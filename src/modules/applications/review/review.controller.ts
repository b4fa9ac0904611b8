import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { AccessRecordDto } from '../intake/intake.dto.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { CaseReadsService } from '../case-reads.service.js';
import { ApplicationDto } from '../intake/intake.dto.js';
import {
  CloseDuplicateDto,
  DecideDto,
  PreRejectionDto,
  ProposeDto,
  RequestIntegrationDto,
  RevokeDto,
  TakeInChargeDto,
} from './review.dto.js';
import { ReviewService } from './review.service.js';

/** The officers' side: the review steps (the work queue: queue/work-queue.controller.ts). Territory and assignment checked per case. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly review: ReviewService,
    private readonly reads: CaseReadsService,
  ) {}

  @Post(':id/take-in-charge')
  @ApiErrors(409)
  @Allow(Role.OPERATOR, Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({ summary: 'SUBMITTED → IN_REVIEW, assigned to the caller (or, by a MANAGER, to an OPERATOR)' })
  @ApiOkResponse({ type: ApplicationDto })
  async take(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: TakeInChargeDto) {
    return this.reads.present(actor, await this.review.takeInCharge(actor, id, dto));
  }

  @Post(':id/integration-request')
  @ApiErrors(409)
  @Allow(Role.OPERATOR)
  @HttpCode(200)
  @ApiOperation({ summary: 'Soccorso istruttorio: suspends the deadline once, at most 30 days' })
  @ApiOkResponse({ type: ApplicationDto })
  async integration(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RequestIntegrationDto,
  ) {
    return this.reads.present(actor, await this.review.requestIntegration(actor, id, dto));
  }

  @Post(':id/proposal')
  @ApiErrors(409)
  @Allow(Role.OPERATOR)
  @HttpCode(200)
  @ApiOperation({ summary: 'IN_REVIEW → PROPOSED: approval or rejection with reasons' })
  @ApiOkResponse({ type: ApplicationDto })
  async propose(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: ProposeDto) {
    return this.reads.present(actor, await this.review.propose(actor, id, dto));
  }

  @Post(':id/pre-rejection-notice')
  @ApiErrors(409, 422)
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({ summary: 'Art. 10-bis: notice of intended rejection, 10 days for observations' })
  @ApiOkResponse({ type: ApplicationDto })
  async preRejection(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: PreRejectionDto) {
    return this.reads.present(actor, await this.review.sendPreRejectionNotice(actor, id, dto));
  }

  @Post(':id/decision')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decide (four eyes): APPROVED if funded, else WAITLISTED; or REJECTED with reasons and appeal',
  })
  @ApiOkResponse({ type: ApplicationDto })
  async decide(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: DecideDto) {
    return this.reads.present(actor, await this.review.decide(actor, id, dto));
  }

  @Post(':id/duplicate-closure')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a possible duplicate of another active case (REJECTED with reasons and appeal, notified)',
  })
  @ApiOkResponse({ type: ApplicationDto })
  async closeDuplicate(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() dto: CloseDuplicateDto,
  ) {
    return this.reads.present(actor, await this.review.closeDuplicate(actor, id, dto));
  }

  @Post(':id/revocation')
  @ApiErrors(409)
  @Allow(Role.MANAGER)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an approved benefit, recording the amount to recover' })
  @ApiOkResponse({ type: ApplicationDto })
  async revoke(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: RevokeDto) {
    return this.reads.present(actor, await this.review.revoke(actor, id, dto));
  }

  @Get(':id/access-log')
  @Allow(Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'Who read a sealed case, when' })
  @ApiOkResponse({ type: [AccessRecordDto] })
  accessLog(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.reads.accessLog(actor, id);
  }
}
