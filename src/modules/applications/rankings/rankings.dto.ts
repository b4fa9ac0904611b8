import { ApiProperty } from '@nestjs/swagger';

export class RankingEntryDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Place in the ranking; null: not admitted' }) position:
    number | null;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() protocolNumber: string;
  @ApiProperty({ enum: ['funded', 'waitlisted', 'not_admitted'] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) amount: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The territorial quota that funded it' }) quota:
    string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The ranking criteria values, by fact' })
  sortKeys: Record<string, unknown>;
  @ApiProperty({ description: "The case's status now" }) caseStatus: string;
}

export class RankingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() measureCode: string;
  @ApiProperty({ format: 'uuid' }) measureVersionId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The version's ranking criteria" })
  criteria: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) quotas: unknown;
  @ApiProperty({ enum: ['cents', 'units'] }) unit: string;
  @ApiProperty({ description: 'Funds available when published' }) available: number;
  @ApiProperty() population: number;
  @ApiProperty() funded: number;
  @ApiProperty() waitlisted: number;
  @ApiProperty() notAdmitted: number;
  @ApiProperty({ format: 'uuid' }) publishedBy: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: Date;
  @ApiProperty({ type: [RankingEntryDto] }) entries: RankingEntryDto[];
}

export class RankingPositionDto {
  @ApiProperty({ format: 'uuid' }) rankingId: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: Date;
  @ApiProperty({ type: Number, nullable: true }) position: number | null;
  @ApiProperty() rankedApplications: number;
  @ApiProperty({ enum: ['funded', 'waitlisted', 'not_admitted'] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) amount: number | null;
  @ApiProperty() caseStatus: string;
}
