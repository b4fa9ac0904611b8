import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** The external channels the caller accepts for messages the law does not require. */
export class UpdateNotificationPreferencesDto {
  @ApiProperty({ description: 'E-mail for non-mandatory messages (receipt copy, reminders, a lapsed term)' })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ description: 'App IO for non-mandatory messages' })
  @IsBoolean()
  appIo: boolean;
}

export class NotificationPreferencesDto extends UpdateNotificationPreferencesDto {
  @ApiProperty({
    type: [String],
    example: ['integration_request', 'pre_rejection_notice', 'decision_rejected'],
    description:
      'Events delivered on the configured channels whatever the flags (legally required communications, account mails); the inbox keeps every message',
  })
  alwaysDelivered: string[];
}
