import { ApiErrors } from '../../common/http/api-errors.decorator.js';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  DecisionPageDto,
  DecisionSnapshotDto,
  DisclosureGrantedDto,
  IndicatorTableDto,
  IndicatorTargetSetDto,
  RerunResultDto,
} from './auditor-views.dto.js';
import type { FastifyReply } from 'fastify';
import { AuditorErrors } from './auditor.errors.js';
import { UuidPipe } from '../../common/http/uuid.pipe.js';
import { PatternPipe } from '../../common/http/pattern.pipe.js';
import { Allow } from '../../common/access/access-policy.js';
import { CurrentUser } from '../../common/access/current-user.decorator.js';
import type { Principal } from '../../common/access/principal.js';
import { Role } from '../../common/access/role.js';
import { DecisionFiltersDto, DecisionSearchDto, DisclosureDto, IndicatorTargetDto } from './auditor.dto.js';
import { AuditorDecisionsService } from './auditor-decisions.service.js';
import { csvResponse as csv } from './csv-response.js';
import { IndicatorsService } from './indicators.service.js';

/** An indicator code in a path (DISABILITY_HOME_CARE): anything else is a 400 naming `code`. */
const INDICATOR_CODE_PIPE = new PatternPipe('code', /^[A-Z][A-Z0-9_]{0,63}$/, {
  it: 'Il codice dell’indicatore non è valido.',
  en: 'code must be an indicator code (upper-case letters, digits and underscores).',
});

/** AUDITOR: decisions, read-only (the re-run and disclosures change no case or configuration). */
@ApiTags('auditor')
@Controller('auditor')
export class AuditorController {
  constructor(
    private readonly decisions: AuditorDecisionsService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get('decisions')
  @Allow(Role.AUDITOR)
  @ApiOperation({
    summary:
      'Search decisions (measure/version, period, territory, outcome, officer, amount); keyset pages in (received_at, id) order',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  search(@CurrentUser() actor: Principal, @Query() query: DecisionSearchDto) {
    return this.decisions.search(actor, query);
  }

  @Get('decisions.csv')
  @Allow(Role.AUDITOR)
  @ApiOperation({
    summary:
      'The same filters as CSV (RFC 4180), streamed in keyset batches with constant memory; beneficiaries pseudonymised',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV (RFC 4180, UTF-8), streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  exportCsv(
    @CurrentUser() actor: Principal,
    @Query() query: DecisionFiltersDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return csv(reply, 'decisions.csv', this.decisions.csv(actor, query));
  }

  @Get('decisions/:id')
  @Allow(Role.AUDITOR)
  @ApiOperation({
    summary:
      "A decision's full snapshot: inputs, rule version and hash, explanation, amount, proposer, decider, transitions (pseudonymised unless disclosed)",
  })
  @ApiOkResponse({ type: DecisionSnapshotDto })
  snapshot(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.decisions.snapshot(actor, id);
  }

  @Post('decisions/:id/rerun')
  @Allow(Role.AUDITOR)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Re-evaluate the stored rule version on the stored inputs and context; report whether outcome, explanation and amount match',
  })
  @ApiOkResponse({ type: RerunResultDto })
  rerun(@CurrentUser() actor: Principal, @Param('id', UuidPipe) id: string) {
    return this.decisions.rerun(actor, id);
  }

  @ApiErrors(404)
  @Post('disclosures')
  @Allow(Role.AUDITOR)
  @HttpCode(201)
  @ApiOperation({
    summary: "Record a justification (audit log) to see one decision's clear personal data for a limited time",
  })
  @ApiCreatedResponse({ type: DisclosureGrantedDto })
  disclose(@CurrentUser() actor: Principal, @Body() dto: DisclosureDto) {
    return this.decisions.disclose(actor, dto.decisionId, dto.justification);
  }

  @Get('indicators')
  @Allow(Role.AUDITOR, Role.ADMIN)
  @ApiOperation({
    summary: "The Region's indicators per measure and year, with baseline and 2027 target (format=csv for CSV)",
  })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ type: IndicatorTableDto, description: 'JSON, or CSV with format=csv' })
  async indicatorTable(@Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    if (format === 'csv') return csv(reply, 'indicators.csv', this.indicators.csv());
    if (format !== undefined && format !== 'json') throw AuditorErrors.invalidFormat();
    return this.indicators.compute();
  }

  @Get('indicators.csv')
  @Allow(Role.AUDITOR, Role.ADMIN)
  @ApiOperation({ summary: 'The indicators as CSV' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV (RFC 4180, UTF-8), streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  indicatorCsv(@Res({ passthrough: true }) reply: FastifyReply) {
    return csv(reply, 'indicators.csv', this.indicators.csv());
  }
}

/** ADMIN: baseline and 2027 target of each indicator. */
@ApiTags('auditor')
@Controller('admin/indicators')
export class IndicatorTargetsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Put(':code')
  @Allow(Role.ADMIN)
  @ApiOperation({ summary: "Set an indicator's baseline and 2027 target (audited)" })
  @ApiOkResponse({ type: IndicatorTargetSetDto })
  set(
    @CurrentUser() actor: Principal,
    @Param('code', INDICATOR_CODE_PIPE) code: string,
    @Body() dto: IndicatorTargetDto,
  ) {
    return this.indicators.setTarget(actor, code, dto);
  }
}

/** D.Lgs. 33/2013 art. 26–27: grants above 1,000 EUR per beneficiary per year under a pseudonym of this export; measures revealing health or hardship as aggregates. */
@ApiTags('transparency')
@Controller('transparency')
export class TransparencyController {
  constructor(private readonly decisions: AuditorDecisionsService) {}

  @Get('grants.csv')
  @Allow(Role.ADMIN, Role.AUDITOR)
  @ApiOperation({
    summary:
      'Grants over 1,000 EUR per beneficiary per year (art. 26–27) under a pseudonym of this export and year; measures revealing health or hardship as aggregates per measure and year; CSV',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV (RFC 4180, UTF-8), streamed',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  grants(@Res({ passthrough: true }) reply: FastifyReply) {
    return csv(reply, 'contributi-art26.csv', this.decisions.transparencyCsv());
  }
}
