import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { signEntityConfiguration } from './federation/entity-configuration.js';
import { resolveTrustChain, type ResolvedTrustChain } from './federation/trust-chain.js';
import { TrustChainCache } from './federation/trust-chain-cache.js';
import type { FederationSettings } from './federation-settings.js';

export const FEDERATION_SETTINGS = Symbol('FEDERATION_SETTINGS');

/** Our side of the SPID/CIE federation: our entity configuration, and the providers' trust chains. */
@Injectable()
export class FederationService {
  private readonly providers: TrustChainCache;

  constructor(
    @Inject(FEDERATION_SETTINGS) private readonly settings: FederationSettings | null,
    private readonly clock: Clock,
  ) {
    this.providers = new TrustChainCache((subject) => {
      const { anchor, timeoutMs } = this.enabled();
      return resolveTrustChain(subject, 'openid_provider', { anchor, timeoutMs, now: this.clock.now() });
    });
  }

  get isEnabled(): boolean {
    return this.settings !== null;
  }

  /** Our signed entity configuration, fresh at each call (signing is cheap, iat stays true). */
  entityConfiguration(): Promise<string> {
    return signEntityConfiguration(this.enabled().relyingParty, this.clock.now());
  }

  /**
   * An OpenID provider's metadata as the federation resolves it, from the cache until the
   * earliest expiry of its chain. Throws FederationError when the provider is not trusted.
   */
  resolveProvider(entityId: string): Promise<ResolvedTrustChain> {
    return this.providers.get(entityId.replace(/\/+$/, ''), this.clock.now());
  }

  private enabled(): FederationSettings {
    if (!this.settings) throw new Error('SPID/CIE federation is not configured (SPID_FEDERATION_JWKS)');
    return this.settings;
  }
}
