import { Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { federationSettingsFrom } from './federation-settings.js';
import { FEDERATION_SETTINGS, FederationService } from './federation.service.js';

/** Citizens' identity through SPID and CIE (docs/identity.md): for now, the federation part. */
@Module({
  providers: [
    { provide: FEDERATION_SETTINGS, useFactory: federationSettingsFrom, inject: [AppConfig] },
    FederationService,
  ],
  exports: [FederationService],
})
export class IdentityModule {}
