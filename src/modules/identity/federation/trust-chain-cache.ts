import type { ResolvedTrustChain } from './trust-chain.js';

/**
 * Resolved trust chains by provider entity id, each kept until the earliest expiry of its chain
 * and resolved again on the first use after. In memory, per process: every API process resolves
 * each provider once per chain lifetime (a few HTTP requests), which needs no shared store.
 * Concurrent requests for the same provider share one resolution.
 */
export class TrustChainCache {
  private readonly resolved = new Map<string, ResolvedTrustChain>();
  private readonly pending = new Map<string, Promise<ResolvedTrustChain>>();

  constructor(private readonly resolve: (subject: string) => Promise<ResolvedTrustChain>) {}

  async get(subject: string, now: Date): Promise<ResolvedTrustChain> {
    const cached = this.resolved.get(subject);
    if (cached && cached.expiresAt.getTime() > now.getTime()) return cached;
    this.resolved.delete(subject);
    let running = this.pending.get(subject);
    if (!running) {
      running = this.resolve(subject).finally(() => this.pending.delete(subject));
      this.pending.set(subject, running);
    }
    const chain = await running;
    this.resolved.set(subject, chain);
    return chain;
  }
}
