import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { TransactionService } from '../../common/database/transaction.service.js';
import { ALWAYS_DELIVERED, DEFAULT_PREFERENCES } from '../notifications/preferences-policy.js';
import type { NotificationPreferencesDto, UpdateNotificationPreferencesDto } from './dto/profile-preferences.dto.js';

/**
 * The caller's notification preferences (table notification_preferences; no row: both channels
 * on). The delivery handler reads the same row when it sends, so a change applies to messages
 * not delivered yet.
 */
@Injectable()
export class ProfilePreferencesService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
  ) {}

  async get(userId: string): Promise<NotificationPreferencesDto> {
    const [row] = (await this.db.query(
      `SELECT email, app_io AS "appIo" FROM notification_preferences WHERE user_id = $1`,
      [userId],
    )) as { email: boolean; appIo: boolean }[];
    return { ...(row ?? DEFAULT_PREFERENCES), alwaysDelivered: [...ALWAYS_DELIVERED] };
  }

  async set(userId: string, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    await this.tx.run((em) =>
      em.query(
        `INSERT INTO notification_preferences (user_id, email, app_io, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, app_io = EXCLUDED.app_io, updated_at = EXCLUDED.updated_at`,
        [userId, dto.email, dto.appIo, this.clock.now()],
      ),
    );
    return this.get(userId);
  }
}
