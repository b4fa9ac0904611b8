import { ApiErrors } from '../../../common/http/api-errors.decorator.js';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiIdempotencyKey, IdempotencyKey } from '../../../common/http/idempotency-key.decorator.js';
import { ProblemDto } from '../../../common/errors/problem.dto.js';
import { UuidPipe } from '../../../common/http/uuid.pipe.js';
import { Allow } from '../../../common/access/access-policy.js';
import { CurrentUser } from '../../../common/access/current-user.decorator.js';
import type { Principal } from '../../../common/access/principal.js';
import { Role } from '../../../common/access/role.js';
import { CaseReadsService } from '../case-reads.service.js';
import {
  ApplicationDto,
  ApplicationSummaryDto,
  CreateDraftDto,
  ReasonDto,
  ReceiptDto,
  TransitionDto,
  UpdateDraftDto,
} from './intake.dto.js';
import { IntegrationResponseDto, ObservationsDto } from '../review/review.dto.js';
import { IntakeService } from './intake.service.js';
import { ReviewService } from '../review/review.service.js';
import { ReceiptsService } from './receipts.service.js';

/** The applicant's side: drafts, submission and receipt, answers, withdrawal. */
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly intake: IntakeService,
    private readonly review: ReviewService,
    private readonly reads: CaseReadsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post()
  @ApiErrors(409, 422)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({ summary: 'Start a draft for an open measure' })
  @ApiCreatedResponse({ type: ApplicationDto })
  async create(@CurrentUser() actor: Principal, @Body() dto: CreateDraftDto) {
    return this.reads.present(actor, await this.intake.createDraft(actor, dto.measureCode, dto.data ?? {}));
  }

  @Get()
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({ summary: 'My applications' })
  @ApiOkResponse({ type: [ApplicationSummaryDto] })
  mine(@CurrentUser() actor: Principal) {
    return this.reads.mine(actor);
  }

  @Get(':id')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({
    summary: 'One application: its owner, or staff of its territory (sealed: assigned staff only; reads recorded)',
  })
  @ApiOkResponse({ type: ApplicationDto })
  get(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.reads.get(actor, id);
  }

  @Get(':id/history')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'Every transition: who, when, from, to, why' })
  @ApiOkResponse({ type: [TransitionDto] })
  history(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.reads.history(actor, id);
  }

  @Put(':id/data')
  @ApiErrors(409)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @ApiOperation({ summary: 'Save the draft (partial data allowed until submission)' })
  @ApiOkResponse({ type: ApplicationDto })
  async save(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: UpdateDraftDto) {
    return this.reads.present(actor, await this.intake.updateDraft(actor, id, dto.version, dto.data));
  }

  @Delete(':id')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(204)
  @ApiOperation({
    summary: 'Discard my draft and its documents (a submitted application cannot be deleted: withdraw it)',
  })
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ProblemDto, description: 'APPLICATION_ILLEGAL_TRANSITION: not a draft' })
  async discard(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.intake.discardDraft(actor, id);
  }

  @Post(':id/submit')
  @ApiErrors(409, 422)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(201)
  @ApiOperation({ summary: 'Submit: protocol number, receipt time and deadline (art. 18-bis receipt)' })
  @ApiIdempotencyKey('A retried submit with the same key returns the same receipt')
  @ApiCreatedResponse({ type: ReceiptDto })
  submit(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.intake.submit(actor, id, key);
  }

  @Get(':id/receipt')
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR, Role.OPERATOR, Role.MANAGER)
  @ApiOperation({ summary: 'The receipt of a submitted application (sealed: reads recorded)' })
  @ApiOkResponse({ type: ReceiptDto })
  async receipt(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return (await this.receipts.receipt(actor, id)).receipt;
  }

  @Post(':id/withdraw')
  @ApiErrors(409)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw before a decision (funds booked are released)' })
  @ApiOkResponse({ type: ApplicationDto })
  async withdraw(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: ReasonDto) {
    return this.reads.present(actor, await this.intake.withdraw(actor, id, dto.version, dto.reason));
  }

  @Post(':id/integration-response')
  @ApiErrors(409, 422)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(200)
  @ApiOperation({ summary: 'Answer a request for integration (soccorso istruttorio): the deadline resumes' })
  @ApiOkResponse({ type: ApplicationDto })
  async answer(
    @CurrentUser() actor: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() dto: IntegrationResponseDto,
  ) {
    return this.reads.present(actor, await this.review.answerIntegration(actor, id, dto));
  }

  @Post(':id/observations')
  @ApiErrors(409)
  @Allow(Role.APPLICANT, Role.CAV_OPERATOR)
  @HttpCode(200)
  @ApiOperation({ summary: 'Observations on a notice of intended rejection (art. 10-bis)' })
  @ApiOkResponse({ type: ApplicationDto })
  async observations(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string, @Body() dto: ObservationsDto) {
    return this.reads.present(actor, await this.review.submitObservations(actor, id, dto));
  }
}
