import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { QueryInt } from '../../../common/http/validators.js';
import { ApplicationStatus } from '../domain/application-status.js';
import { ApplicationSummaryDto } from '../intake/intake.dto.js';

/** The named filters of the work queue ("saved filters"), each a link with its count on the page. */
export const QUEUE_VIEWS = ['open', 'mine', 'unassigned', 'due_soon', 'overdue', 'suspended', 'duplicates'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const ELIGIBILITY_OUTCOMES = ['eligible', 'not_eligible', 'needs_review'] as const;
export type EligibilityOutcome = (typeof ELIGIBILITY_OUTCOMES)[number];

/** "Due within 5 days": the urgency threshold, also the page's colour for "soon". */
export const DUE_SOON_DAYS = 5;

/** The deepest row an offset may reach: past it, narrow the filter (keeps every page bounded). */
export const MAX_QUEUE_OFFSET = 10_000;

/** The work queue's filters: the API's query string and the workbench page's, one validation. */
export class WorkQueueQueryDto {
  @ApiPropertyOptional({
    enum: QUEUE_VIEWS,
    default: 'open',
    description:
      'A named filter: open cases (default), mine (assigned to me), unassigned, due_soon (0-5 days left, running), overdue, suspended, duplicates (a possible duplicate I may also see)',
  })
  @IsOptional()
  @IsIn(QUEUE_VIEWS)
  view?: QueueView;
  @ApiPropertyOptional({ enum: ApplicationStatus, description: 'One state (any state, closed ones included)' })
  @IsOptional()
  @IsIn(Object.values(ApplicationStatus).filter((s) => s !== ApplicationStatus.DRAFT))
  status?: ApplicationStatus;
  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(64)
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'measureCode must be a measure code' })
  measureCode?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'atsCode must be a 3-digit ATS code' })
  atsCode?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[A-Z0-9-]{2,64}$/, { message: 'ambitoCode must be an Ambito code' })
  ambitoCode?: string;
  @ApiPropertyOptional({ enum: ELIGIBILITY_OUTCOMES, description: 'The latest eligibility evaluation' })
  @IsOptional()
  @IsIn(ELIGIBILITY_OUTCOMES)
  eligibility?: EligibilityOutcome;
  @ApiPropertyOptional({ description: 'Only cases past their legal deadline (as view=overdue)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only cases with (true) or without (false) a possible duplicate the caller may also see',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  possibleDuplicate?: 'true' | 'false';
  @ApiPropertyOptional({ example: '2026-0000123', description: 'A protocol number, whole or its first digits' })
  @IsOptional()
  @Matches(/^\d{4}(-\d{0,10})?$/, { message: 'protocol must be a protocol number (YYYY-NNNNNNN) or its start' })
  protocol?: string;
  @ApiPropertyOptional({ enum: ['days_left', 'received_at'], default: 'days_left' })
  @IsOptional()
  @IsIn(['days_left', 'received_at'])
  sort?: 'days_left' | 'received_at';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @QueryInt(1, 200) limit = 50;
  @ApiPropertyOptional({ default: 0, maximum: MAX_QUEUE_OFFSET })
  @IsOptional()
  @QueryInt(0, MAX_QUEUE_OFFSET)
  offset = 0;
}

/** A search by codice fiscale: in a body, never in a URL. */
export class QueueSearchDto {
  @ApiProperty({ example: 'RSSMRA80A01F205X', description: "The beneficiary's or the applicant's codice fiscale" })
  @Matches(/^[A-Za-z0-9]{16}$/, { message: 'fiscalCode must be a codice fiscale (16 characters)' })
  fiscalCode: string;
}

export class QueueItemDto extends ApplicationSummaryDto {
  @ApiProperty({ type: String, nullable: true, enum: ELIGIBILITY_OUTCOMES })
  eligibilityOutcome: EligibilityOutcome | null;
  @ApiProperty({ type: String, nullable: true, description: 'The assigned officer, first and last name' })
  assigneeName: string | null;
}

export class WorkQueuePageDto {
  @ApiProperty({ type: [QueueItemDto] }) items: QueueItemDto[];
  @ApiProperty({
    description: 'Rows matching the filter, counted up to 1,000 (see totalExact)',
  })
  total: number;
  @ApiProperty({ description: 'false: more rows match than total says (narrow the filter to reach them)' })
  totalExact: boolean;
}

export class CountDto {
  @ApiProperty({ description: 'The named filter, measure code, ATS or Ambito code, or state' }) key: string;
  @ApiProperty({ description: 'Open cases, exact up to the cap' }) count: number;
  @ApiProperty({ description: 'true: more than count (the cap)' }) more: boolean;
}

/** The counts of the sidebar: every named filter, and the open cases per measure, state, and the caller's ATS and Ambiti (non-zero ones). */
export class WorkQueueCountsDto {
  @ApiProperty({ type: [CountDto], description: 'Every named filter, in the order of QUEUE_VIEWS' })
  views: CountDto[];
  @ApiProperty({ type: [CountDto] }) measures: CountDto[];
  @ApiProperty({ type: [CountDto] }) ats: CountDto[];
  @ApiProperty({ type: [CountDto] }) ambiti: CountDto[];
  @ApiProperty({ type: [CountDto] }) states: CountDto[];
  @ApiProperty({ description: 'Counts stop here: a bounded count is read early from the index' }) cap: number;
}
