import type { JSONWebKeySet } from 'jose';
import { FederationError } from './federation.errors.js';
import { entityConfigurationUrl, fetchEndpointUrl, getStatement } from './federation-http.js';
import { peekStatement, verifyStatement, type EntityStatement } from './entity-statement.js';
import {
  applyPolicy,
  checkCriticalOperators,
  mergePolicies,
  type JsonObject,
  type MetadataPolicy,
} from './metadata-policy.js';

/** The trust anchor as configured: its keys come from configuration, never from the network. */
export interface TrustAnchor {
  entityId: string;
  jwks: JSONWebKeySet;
}

export interface ResolveOptions {
  anchor: TrustAnchor;
  now: Date;
  timeoutMs: number;
  /** Longest chain followed, intermediates included (loops and deep federations stop here). */
  maxDepth?: number;
}

export interface ResolvedTrustChain {
  subject: string;
  trustAnchor: string;
  /** The subject's metadata of `entityType` after the superiors' metadata and the merged policy. */
  metadata: JsonObject;
  /** The earliest expiry of every statement of the chain: the result is valid until then. */
  expiresAt: Date;
  /** leaf configuration, then each subordinate statement up to the anchor's (section 4). */
  statements: string[];
}

interface Link {
  /** The subordinate statement's JWT and claims, issued by the superior about the entity below. */
  jwt: string;
  statement: EntityStatement;
}

interface Path {
  links: Link[];
  /** exps of the superiors' own entity configurations, which also bound the chain. */
  configurationExps: number[];
}

const DEFAULT_MAX_DEPTH = 4;

/**
 * Resolves the trust chain of `subject` up to the configured anchor (OpenID Federation 1.0,
 * section 10): the subject's configuration, then for each authority hint the superior's
 * configuration and its subordinate statement about the entity below, until the anchor; every
 * signature verified with the keys of the one who signs, the anchor's keys from configuration.
 * The superiors' metadata and merged metadata policy are then applied to `entityType`.
 */
export async function resolveTrustChain(
  subject: string,
  entityType: string,
  options: ResolveOptions,
): Promise<ResolvedTrustChain> {
  const { now, timeoutMs } = options;
  const leafJwt = await getStatement(entityConfigurationUrl(subject), timeoutMs);
  // Self-signed: first verified with its own keys; then again with the keys its superior states.
  const leaf = await verifyStatement(leafJwt, peekStatement(leafJwt).jwks, { iss: subject, sub: subject }, now);
  const path = await findPath(leaf, options, 1, new Set([subject]));
  const immediate = path.links[0];
  await verifyStatement(leafJwt, immediate.statement.jwks, { iss: subject, sub: subject }, now).catch(() => {
    throw new FederationError('BAD_SIGNATURE', `${subject}: configuration not signed by the keys its superior states`);
  });

  // From the anchor down: the anchor's statement's policy is the outermost.
  const topDown = [...path.links].reverse().map((l) => l.statement);
  const policy: MetadataPolicy = mergePolicies(topDown.map((s) => s.metadata_policy));
  checkCriticalOperators(
    policy,
    topDown.flatMap((s) => s.metadata_policy_crit ?? []),
  );
  const own = leaf.metadata?.[entityType];
  if (!own) throw new FederationError('BAD_STATEMENT', `${subject} publishes no ${entityType} metadata`);
  // Metadata a superior states about its subordinate overrides the subordinate's own (section 6.1.4.1).
  const stated = immediate.statement.metadata?.[entityType] ?? {};
  const metadata = applyPolicy(entityType, { ...own, ...stated }, policy);

  const exps = [leaf.exp, ...path.links.map((l) => l.statement.exp), ...path.configurationExps];
  return {
    subject,
    trustAnchor: options.anchor.entityId,
    metadata,
    expiresAt: new Date(Math.min(...exps) * 1000),
    statements: [leafJwt, ...path.links.map((l) => l.jwt)],
  };
}

/**
 * Depth-first over the authority hints: the first path that reaches the anchor with every
 * statement valid wins; when none does, the error says why each hint failed.
 */
async function findPath(
  entity: EntityStatement,
  options: ResolveOptions,
  depth: number,
  seen: Set<string>,
): Promise<Path> {
  const hints = entity.authority_hints ?? [];
  if (hints.length === 0) {
    throw new FederationError('NOT_IN_FEDERATION', `${entity.sub} names no authority (authority_hints empty)`);
  }
  const failures: FederationError[] = [];
  for (const hint of hints) {
    if (seen.has(hint)) continue;
    try {
      return await linkThrough(entity, hint, options, depth, new Set([...seen, hint]));
    } catch (error) {
      if (!(error instanceof FederationError)) throw error;
      failures.push(error);
    }
  }
  if (failures.length === 1) throw failures[0];
  // Prefer the most telling failure: a broken statement beats a hint that leads elsewhere.
  const telling = failures.find((f) => f.reason !== 'NOT_IN_FEDERATION') ?? failures[0];
  throw telling ?? new FederationError('NOT_IN_FEDERATION', `${entity.sub}: authority hints loop`);
}

async function linkThrough(
  entity: EntityStatement,
  superiorId: string,
  options: ResolveOptions,
  depth: number,
  seen: Set<string>,
): Promise<Path> {
  const { anchor, now, timeoutMs } = options;
  const isAnchor = superiorId === anchor.entityId;
  if (!isAnchor && depth >= (options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
    throw new FederationError(
      'NOT_IN_FEDERATION',
      `${entity.sub}: no path to ${anchor.entityId} within ${depth} steps`,
    );
  }
  const configurationJwt = await getStatement(entityConfigurationUrl(superiorId), timeoutMs);
  const superiorKeys = isAnchor ? anchor.jwks : peekStatement(configurationJwt).jwks;
  const superior = await verifyStatement(configurationJwt, superiorKeys, { iss: superiorId, sub: superiorId }, now);
  const endpoint = superior.metadata?.['federation_entity']?.['federation_fetch_endpoint'];
  if (typeof endpoint !== 'string') {
    throw new FederationError('BAD_STATEMENT', `${superiorId} publishes no federation_fetch_endpoint`);
  }
  const jwt = await getStatement(fetchEndpointUrl(endpoint, entity.sub), timeoutMs);
  // Signed with the superior's keys: for the anchor, the configured ones.
  const statement = await verifyStatement(jwt, superiorKeys, { iss: superiorId, sub: entity.sub }, now);
  const link: Link = { jwt, statement };
  if (isAnchor) return { links: [link], configurationExps: [superior.exp] };
  // The superior's configuration must be signed by the keys its own superior states: checked
  // one level up, where that statement is known.
  const above = await findPath(superior, options, depth + 1, seen);
  await verifyStatement(
    configurationJwt,
    above.links[0].statement.jwks,
    { iss: superiorId, sub: superiorId },
    now,
  ).catch(() => {
    throw new FederationError(
      'BAD_SIGNATURE',
      `${superiorId}: configuration not signed by the keys its superior states`,
    );
  });
  return { links: [link, ...above.links], configurationExps: [superior.exp, ...above.configurationExps] };
}
