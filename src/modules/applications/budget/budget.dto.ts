import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsInt8 } from '../../../common/http/validators.js';

export class IncreaseBudgetDto {
  @ApiProperty({ description: 'Amount added, in cents (or units for in-kind measures)' })
  @IsInt8(1)
  amount: number;

  @ApiProperty({ description: 'The act that adds the funds' })
  @IsString()
  @Length(3, 1000)
  reason: string;
}

export class BudgetMovementDto {
  @ApiProperty({ enum: ['reserve', 'release', 'increase'] }) kind: string;
  @ApiProperty({ description: 'Cents, or units for in-kind measures' }) amount: number;
  @ApiProperty() reservedAfter: number;
  @ApiProperty() totalAfter: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The case; null for a budget increase' })
  applicationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) at: Date;
}

export class AggregatedMovementDto {
  @ApiProperty() kind: string;
  @ApiProperty() count: number;
  @ApiProperty() amount: number;
}

export class BudgetStatusDto {
  @ApiProperty() measureCode: string;
  @ApiProperty({ description: 'Sealed measure: movements of cases the caller may not see come as aggregates' })
  sealed: boolean;
  @ApiProperty({ type: String, enum: ['cents', 'units'], nullable: true }) unit: string | null;
  @ApiProperty({ type: Number, nullable: true }) total: number | null;
  @ApiProperty() reserved: number;
  @ApiProperty({ type: Number, nullable: true }) available: number | null;
  @ApiProperty({ description: 'Cases waiting for funds' }) queued: number;
  @ApiProperty({ type: [BudgetMovementDto], description: 'The last 100, newest first' }) movements: BudgetMovementDto[];
  @ApiProperty({ type: [AggregatedMovementDto] }) aggregatedMovements: AggregatedMovementDto[];
}

export class BudgetIncreaseResultDto {
  @ApiProperty() measureCode: string;
  @ApiProperty() total: number;
  @ApiProperty() reserved: number;
  @ApiProperty({ type: [String], description: 'Cases funded from the waiting list, in order' })
  fundedApplications: string[];
}
