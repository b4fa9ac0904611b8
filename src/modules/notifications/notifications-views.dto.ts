import { ApiProperty } from '@nestjs/swagger';

export class InboxMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty({ example: 'application_received' }) event: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'The message, in the recipient language (neutral for sealed measures)' }) body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: string | null;
  @ApiProperty() read: boolean;
}

export class InboxDto {
  @ApiProperty({ description: 'Unread messages in all' }) unread: number;
  @ApiProperty({ type: [InboxMessageDto] }) items: InboxMessageDto[];
}

export class MessageReadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: [true] }) read: true;
  @ApiProperty({ format: 'date-time' }) readAt: string;
}

export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() event: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) applicationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) recipientId: string | null;
  @ApiProperty({ type: [String] }) channels: string[];
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() generation: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) deadAt: string;
}

export class ReplayedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending'] }) state: 'pending';
  @ApiProperty({ description: 'Incremented at each replay, so the new delivery is a new job' }) generation: number;
}
