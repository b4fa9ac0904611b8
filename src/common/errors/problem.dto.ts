import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'fiscalCode' })
  field: string;

  @ApiProperty({ type: [String], example: ['fiscalCode must be a valid Italian codice fiscale'] })
  messages: string[];
}

/** RFC 9457 problem details, as every error of the API is returned (application/problem+json). */
export class ProblemDto {
  @ApiProperty({ example: 'urn:sportello:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'The request is not valid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ description: 'Explanation for people, in Italian', example: 'Dati non validi: fiscalCode' })
  detail: string;

  @ApiProperty({ description: 'The same explanation in English', example: 'Invalid fields: fiscalCode' })
  detailEn: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({ example: '/api/v1/auth/register' })
  instance: string;

  @ApiProperty({ description: 'Correlates with the server logs', example: '6f1c1c7e-3e39-4a4e-9b8f-0c2f4a0b8a11' })
  requestId: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per offending field' })
  errors?: FieldErrorDto[];
}
