import { ApiProperty } from '@nestjs/swagger';

const FREE_FORM = { type: 'object', additionalProperties: true } as const;

/** One decision as the auditor's search lists it (beneficiary pseudonymised). */
export class DecisionRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-0000123' }) protocolNumber: string;
  @ApiProperty() measureCode: string;
  @ApiProperty() measureVersion: number;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ enum: ['eligible', 'not_eligible', 'needs_review'] }) eligibility: string;
  @ApiProperty() ruleVersionHash: string;
  @ApiProperty({ type: Number, nullable: true }) amountCents: number | null;
  @ApiProperty({ type: String, nullable: true }) atsCode: string | null;
  @ApiProperty({ type: String, nullable: true }) ambitoCode: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposedBy: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiProperty() sealed: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'psn_… pseudonym of the beneficiary (HMAC)' })
  beneficiaryPseudonym: string | null;
}

export class DecisionPageDto {
  @ApiProperty({ type: [DecisionRowDto] }) items: DecisionRowDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Cursor of the next page (`after`), null on the last' })
  nextAfter: string | null;
}

/** A decision's full snapshot; personal values pseudonymised unless a disclosure is live. */
export class DecisionSnapshotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() pseudonymised: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disclosedUntil: string | null;
  @ApiProperty() protocolNumber: string;
  @ApiProperty() measureCode: string;
  @ApiProperty() measureVersion: number;
  @ApiProperty({ format: 'uuid' }) measureVersionId: string;
  @ApiProperty() sealed: boolean;
  @ApiProperty() healthRelated: boolean;
  @ApiProperty() status: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ type: String, nullable: true }) beneficiary: string | null;
  @ApiProperty({ ...FREE_FORM, description: 'ATS and Ambito of the case' }) territory: Record<string, unknown>;
  @ApiProperty({ ...FREE_FORM, description: 'Stored inputs, context, rule version hash, outcome, explanation, amount' })
  eligibility: Record<string, unknown>;
}

class StoredAndRecomputedDto {
  @ApiProperty({ ...FREE_FORM }) stored: unknown;
  @ApiProperty({ ...FREE_FORM }) recomputed: unknown;
  @ApiProperty() match: boolean;
}

class RerunDifferenceDto {
  @ApiProperty({ example: 'explanation[2].outcome' }) path: string;
  @ApiProperty({ ...FREE_FORM }) stored: unknown;
  @ApiProperty({ ...FREE_FORM }) recomputed: unknown;
}

/** The stored rule version re-run on the stored inputs, compared with what was decided. */
export class RerunResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Rule hash, outcome, amount and explanation all equal' }) match: boolean;
  @ApiProperty({
    ...FREE_FORM,
    description: 'measureCode, version, storedHash, versionHash, recomputedHash, hashMatches',
  })
  ruleVersion: Record<string, unknown>;
  @ApiProperty({ type: StoredAndRecomputedDto }) outcome: StoredAndRecomputedDto;
  @ApiProperty({ type: StoredAndRecomputedDto }) amountCents: StoredAndRecomputedDto;
  @ApiProperty() explanationMatches: boolean;
  @ApiProperty({ type: [RerunDifferenceDto] }) differences: RerunDifferenceDto[];
}

export class DisclosureGrantedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

/** The Region's indicator table: per measure and year, and each indicator against its target. */
export class IndicatorTableDto {
  @ApiProperty({ ...FREE_FORM, description: 'What each figure means, in words' }) definitions: Record<string, string>;
  @ApiProperty({ type: 'array', items: { ...FREE_FORM }, description: 'Figures per measure and protocol year' })
  measures: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    items: { ...FREE_FORM },
    description: 'Each indicator: baseline, values by year, 2027 target, reached',
  })
  indicators: Record<string, unknown>[];
}

export class IndicatorTargetSetDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: Number, nullable: true }) baseline: number | null;
  @ApiProperty({ type: Number, nullable: true }) target2027: number | null;
}
