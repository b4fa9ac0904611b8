import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TerritoryModule } from '../territory/territory.module.js';
import { ApplicantsController } from './applicants.controller.js';
import { ApplicantsService } from './applicants.service.js';
import { FiscalCodeClaimsService } from './fiscal-code-claims.service.js';
import { ProfileController } from './profile.controller.js';
import { ProfilePreferencesService } from './profile-preferences.service.js';
import { StaffAccountsController } from './staff-accounts.controller.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TerritoryModule, SessionsModule],
  controllers: [ProfileController, ApplicantsController, StaffAccountsController],
  providers: [
    UsersService,
    ApplicantsService,
    StaffAccountsService,
    FiscalCodeClaimsService,
    ProfilePreferencesService,
  ],
  exports: [UsersService, FiscalCodeClaimsService, ProfilePreferencesService],
})
export class UsersModule {}
