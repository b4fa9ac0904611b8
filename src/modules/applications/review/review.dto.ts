import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsInt4, IsInt8 } from '../../../common/http/validators.js';

class Versioned {
  @ApiProperty({ description: 'The version of the case read: a stale one gets 409' })
  @IsInt4(1)
  version: number;
}

export class TakeInChargeDto extends Versioned {
  @ApiPropertyOptional({ format: 'uuid', description: 'MANAGER only: the OPERATOR to assign; default the caller' })
  @IsOptional()
  @IsUUID()
  operatorId?: string;
}

export class RequestIntegrationDto extends Versioned {
  @ApiProperty({ description: 'What to correct or complete (soccorso istruttorio)' })
  @IsString()
  @Length(3, 4000)
  message: string;

  @ApiProperty({ minimum: 1, maximum: 30, description: 'Days given; the deadline is suspended meanwhile (at most 30)' })
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;
}

export class IntegrationResponseDto extends Versioned {
  @ApiProperty({ description: 'The answer' })
  @IsString()
  @Length(1, 4000)
  message: string;

  @ApiPropertyOptional({ type: Object, description: 'Corrected form fields, merged into the data' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export class ProposeDto extends Versioned {
  @ApiProperty({ enum: ['approve', 'reject'] })
  @IsIn(['approve', 'reject'])
  outcome: 'approve' | 'reject';

  @ApiProperty({ description: 'Reasons (motivazione)' })
  @IsString()
  @Length(3, 4000)
  reasons: string;

  @ApiPropertyOptional({ description: 'Amount in cents, when the eligibility check could not compute it' })
  @IsOptional()
  @IsInt8(0)
  amountCents?: number;
}

export class PreRejectionDto extends Versioned {
  @ApiProperty({ description: 'The reasons the application would be rejected (art. 10-bis)' })
  @IsString()
  @Length(3, 4000)
  reasons: string;
}

export class ObservationsDto extends Versioned {
  @ApiProperty({ description: "The applicant's observations on the notice of intended rejection" })
  @IsString()
  @Length(1, 8000)
  text: string;
}

export class DecideDto extends Versioned {
  @ApiProperty({ enum: ['approve', 'reject'], description: 'An approval without funds becomes WAITLISTED' })
  @IsIn(['approve', 'reject'])
  outcome: 'approve' | 'reject';

  @ApiProperty({ description: 'Reasons of the decision' })
  @IsString()
  @Length(3, 8000)
  reasons: string;

  @ApiPropertyOptional({ description: 'For a rejection after observations: why they were not accepted' })
  @IsOptional()
  @IsString()
  @Length(3, 8000)
  observationsAssessment?: string;
}

export class CloseDuplicateDto extends Versioned {
  @ApiProperty({
    format: 'uuid',
    description: 'The other active case this one duplicates (one of its possibleDuplicates)',
  })
  @IsUUID()
  duplicateOf: string;

  @ApiProperty({ description: 'Reasons of the closure, in words the applicant will read' })
  @IsString()
  @Length(3, 8000)
  reasons: string;
}

export class RevokeDto extends Versioned {
  @ApiProperty({ description: 'Why (e.g. a failed art. 71 check)' })
  @IsString()
  @Length(3, 4000)
  reason: string;

  @ApiProperty({ description: 'Amount to recover, in cents' })
  @IsInt8(0)
  recoveryAmountCents: number;
}
