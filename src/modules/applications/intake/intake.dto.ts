import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { CASE_ACTIONS, type CaseAction } from '../domain/allowed-actions.js';
import { ApplicationStatus } from '../domain/application-status.js';
import { IsInt4 } from '../../../common/http/validators.js';

export class CreateDraftDto {
  @ApiProperty({ example: 'ORFANI-FEMMINICIDIO', description: 'Code of an open measure' })
  @MaxLength(64)
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'measureCode must be a measure code' })
  measureCode: string;

  @ApiPropertyOptional({ description: 'Form data saved so far (validated on submission)', type: Object })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class UpdateDraftDto {
  @ApiProperty({ description: 'The version read: a stale one gets 409' })
  @IsInt4(1)
  version: number;

  @ApiProperty({ description: 'The whole form data saved so far', type: Object })
  @IsObject()
  data: Record<string, unknown>;
}

export class ReasonDto {
  @ApiProperty({ description: 'The version read: a stale one gets 409' })
  @IsInt4(1)
  version: number;

  @ApiProperty({ description: 'Why, in words the applicant will read' })
  @IsString()
  @Length(3, 4000)
  reason: string;
}

export class ReceiptDto {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: '2026-0000123' }) protocolNumber: string;
  @ApiProperty({ format: 'date-time', description: 'Exact time of receipt (art. 18-bis L. 241/1990)' })
  receivedAt: string;
  @ApiProperty({ format: 'date', description: 'Date by which the procedure must conclude' }) deadlineDate: string;
  @ApiProperty({ example: 30 }) deadlineDays: number;
  @ApiProperty({ description: 'The office in charge' }) office: { it: string; en: string };
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Responsabile del procedimento, when one is assigned to the office',
  })
  officerInCharge: string | null;
  @ApiProperty({ example: 'ORFANI-FEMMINICIDIO' }) measureCode: string;
  @ApiProperty() measureVersion: number;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
}

export class EligibilitySnapshotDto {
  @ApiProperty({
    enum: ['submission', 'integration_answer'],
    description: 'What made the evaluation: the submission, or new data in an integration answer',
  })
  cause: string;
  @ApiProperty({ format: 'date-time' }) evaluatedAt: string;
  @ApiProperty({ enum: ['eligible', 'not_eligible', 'needs_review'] }) outcome: string;
  @ApiProperty({ type: [Object], description: 'Each rule with its result and explanation' }) rules: unknown[];
  @ApiProperty({ type: Object, nullable: true }) benefit: Record<string, unknown> | null;
  @ApiProperty() ruleVersionHash: string;
}

export class PossibleDuplicateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) protocolNumber: string | null;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
}

export class ApplicationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() measureCode: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty() version: number;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) protocolNumber: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineDate: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Negative: overdue' }) daysLeft: number | null;
  @ApiProperty({ description: 'The legal deadline is suspended (integration, 10-bis)' }) suspended: boolean;
  @ApiProperty({ type: Number, nullable: true }) amountCents: number | null;
  @ApiProperty({ enum: ['none', 'reserved', 'queued'] }) funding: string;
  @ApiProperty({ type: Object, nullable: true }) eligibility: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) proposal: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) decision: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) integrationRequest: Record<string, unknown> | null;
  @ApiProperty({ type: Object, nullable: true }) preRejectionNotice: Record<string, unknown> | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the 10 days of the art. 10-bis notice ran out with no observations (the manager decides)',
  })
  noticeLapsedAt: Date | null;
  @ApiProperty() sealed: boolean;
  @ApiProperty({ type: String, nullable: true }) assignedOperatorId: string | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'Required documents not attached at submission (to be asked for)',
  })
  missingDocuments?: string[];
  @ApiProperty({
    enum: CASE_ACTIONS,
    isArray: true,
    description: 'What the caller may do next: the server refuses every other workflow action',
  })
  allowedActions: CaseAction[];
  @ApiProperty({
    description: 'Another case still active names the same beneficiary (shown only to staff who may see both cases)',
  })
  possibleDuplicate: boolean;
  @ApiProperty({
    type: [PossibleDuplicateDto],
    description: 'The cases linked as possible duplicates that the caller may see, whatever their state now',
  })
  possibleDuplicates: PossibleDuplicateDto[];
  @ApiPropertyOptional({
    type: [EligibilitySnapshotDto],
    description: 'Eligibility over time: the submission snapshot, then one per re-evaluation (single reads)',
  })
  eligibilitySnapshots?: EligibilitySnapshotDto[];
}

export class ApplicationSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() measureCode: string;
  @ApiProperty({ enum: ApplicationStatus }) status: ApplicationStatus;
  @ApiProperty({ type: String, nullable: true }) protocolNumber: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) receivedAt: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) deadlineDate: string | null;
  @ApiProperty({ type: Number, nullable: true }) daysLeft: number | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty() suspended: boolean;
  @ApiProperty({ type: String, nullable: true }) atsCode: string | null;
  @ApiProperty({ type: String, nullable: true }) ambitoCode: string | null;
  @ApiProperty({ type: String, nullable: true }) assignedOperatorId: string | null;
  @ApiProperty() sealed: boolean;
  @ApiProperty({
    enum: CASE_ACTIONS,
    isArray: true,
    description: 'What the caller may do next (the applicant: their own actions only in this list)',
  })
  allowedActions: CaseAction[];
  @ApiPropertyOptional({ description: 'Work queue: a possible duplicate the caller may also see is still active' })
  possibleDuplicate?: boolean;
}

/** One step of a case's history (application_transitions). */
export class TransitionDto {
  @ApiProperty({ type: String, nullable: true, enum: ApplicationStatus }) from: ApplicationStatus | null;
  @ApiProperty({ enum: ApplicationStatus }) to: ApplicationStatus;
  @ApiProperty({ example: 'take_in_charge' }) event: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the SYSTEM' }) actorId:
    string | null;
  @ApiProperty({ example: 'OPERATOR' }) actorRole: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) details: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** One read of a sealed case (its access record). */
export class AccessRecordDto {
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty() actorRole: string;
  @ApiProperty({ example: 'read' }) action: string;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}
