import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, SignJWT, type JWK, type JSONWebKeySet } from 'jose';
import {
  ENTITY_STATEMENT_MEDIA_TYPE,
  ENTITY_STATEMENT_TYPE,
  WELL_KNOWN_PATH,
} from '../../src/modules/identity/federation/entity-statement.js';
import { generateRsaJwks, publicJwks, type PrivateJwkSet } from '../../src/modules/identity/federation/jwks.js';
import type { MetadataPolicy } from '../../src/modules/identity/federation/metadata-policy.js';

/** What a superior says about one subordinate in its subordinate statement. */
export interface Subordination {
  metadataPolicy?: MetadataPolicy;
  metadata?: Record<string, Record<string, unknown>>;
  /** Lifetime of the statement; negative: already expired. */
  ttlSeconds?: number;
  /** Keys the statement states for the subordinate, when not its real ones (a mismatch). */
  statedJwks?: JSONWebKeySet;
}

export interface LocalEntity {
  id: string;
  keys: PrivateJwkSet;
  authorityHints: string[];
  metadata: Record<string, Record<string, unknown>>;
  /** Lifetime of its own entity configuration. */
  ttlSeconds: number;
  subordinates: Map<string, Subordination>;
  /** Subordinate statements it issues are signed with these keys instead of its published ones (a wrong signer). */
  rogueKeys?: PrivateJwkSet;
  /** Its configuration is served with the payload altered after signing. */
  tampered?: boolean;
}

const DAY = 86_400;

/**
 * A local OpenID Federation on a loopback HTTP server: a trust anchor, an intermediate under it,
 * leaf OpenID providers under the intermediate, and a foreign anchor with its own leaves. Every
 * entity serves its entity configuration at <id>/.well-known/openid-federation; superiors serve
 * their subordinate statements at <id>/fetch?sub=<id>, as the published protocol says, so the
 * resolver under test cannot tell it from the real registry. Keys are generated per instance;
 * time is the caller's clock.
 */
export class LocalFederation {
  readonly requests: string[] = [];
  private readonly entities = new Map<string, LocalEntity>();
  private counter = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly now: () => Date,
    readonly anchor: LocalEntity,
    readonly intermediate: LocalEntity,
    readonly foreignAnchor: LocalEntity,
  ) {}

  static async start(now: () => Date): Promise<LocalFederation> {
    // The server exists before the entities whose ids carry its port.
    const ready: { federation?: LocalFederation } = {};
    const server = createServer((req, res) => void ready.federation!.answer(req.url ?? '/', res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [anchorKeys, intermediateKeys, foreignKeys] = await Promise.all([
      generateRsaJwks(),
      generateRsaJwks(),
      generateRsaJwks(),
    ]);
    const superior = (id: string, keys: PrivateJwkSet, hints: string[]): LocalEntity => ({
      id,
      keys,
      authorityHints: hints,
      ttlSeconds: DAY,
      subordinates: new Map(),
      metadata: {
        federation_entity: {
          organization_name: id.split('/').pop()!,
          federation_fetch_endpoint: `${id}/fetch`,
        },
      },
    });
    const anchor = superior(`${baseUrl}/ta`, anchorKeys, []);
    const intermediate = superior(`${baseUrl}/intermediate`, intermediateKeys, [anchor.id]);
    const foreignAnchor = superior(`${baseUrl}/foreign-ta`, foreignKeys, []);
    // The anchor's rules for every provider below the intermediate, SPID-like.
    anchor.subordinates.set(intermediate.id, {
      metadataPolicy: {
        openid_provider: {
          acr_values_supported: {
            subset_of: [
              'https://www.spid.gov.it/SpidL1',
              'https://www.spid.gov.it/SpidL2',
              'https://www.spid.gov.it/SpidL3',
            ],
          },
          token_endpoint_auth_methods_supported: { value: ['private_key_jwt'] },
          id_token_signing_alg_values_supported: { subset_of: ['RS256', 'RS512'], essential: true },
        },
      },
    });
    const federation = new LocalFederation(server, baseUrl, now, anchor, intermediate, foreignAnchor);
    ready.federation = federation;
    for (const entity of [anchor, intermediate, foreignAnchor]) federation.entities.set(entity.id, entity);
    return federation;
  }

  /** The anchor's public keys, as a relying party configures them. */
  anchorJwks(): JSONWebKeySet {
    return publicJwks(this.anchor.keys);
  }

  /** A new leaf OpenID provider under `superior` (default: the intermediate), with its own keys. */
  async addProvider(
    options: { superior?: LocalEntity; subordination?: Subordination; metadata?: Record<string, unknown> } = {},
  ): Promise<LocalEntity> {
    const superior = options.superior ?? this.intermediate;
    const id = `${this.baseUrl}/op-${++this.counter}`;
    const provider: LocalEntity = {
      id,
      keys: await generateRsaJwks(),
      authorityHints: [superior.id],
      ttlSeconds: DAY,
      subordinates: new Map(),
      metadata: {
        openid_provider: {
          issuer: id,
          authorization_endpoint: `${id}/authorization`,
          token_endpoint: `${id}/token`,
          userinfo_endpoint: `${id}/userinfo`,
          revocation_endpoint: `${id}/revocation`,
          jwks: publicJwks(await generateRsaJwks()),
          acr_values_supported: ['https://www.spid.gov.it/SpidL1', 'https://www.spid.gov.it/SpidL2', 'urn:other'],
          id_token_signing_alg_values_supported: ['RS256', 'ES256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic'],
          subject_types_supported: ['pairwise'],
          client_registration_types_supported: ['automatic'],
          ...options.metadata,
        },
        federation_entity: { organization_name: `Provider ${this.counter}` },
      },
    };
    superior.subordinates.set(id, options.subordination ?? {});
    this.entities.set(id, provider);
    return provider;
  }

  /** How many statements were fetched about or from `entityId` (configurations and fetches). */
  requestsFor(entityId: string): number {
    const path = new URL(entityId).pathname;
    return this.requests.filter((r) => r.startsWith(`${path}/`) || r.includes(`sub=${encodeURIComponent(entityId)}`))
      .length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(url: string, res: import('node:http').ServerResponse): Promise<void> {
    this.requests.push(url);
    const { pathname, searchParams } = new URL(url, this.baseUrl);
    let jwt: string | undefined;
    if (pathname.endsWith(WELL_KNOWN_PATH)) {
      const entity = this.entities.get(`${this.baseUrl}${pathname.slice(0, -WELL_KNOWN_PATH.length)}`);
      if (entity) jwt = await this.configurationOf(entity);
    } else if (pathname.endsWith('/fetch')) {
      const issuer = this.entities.get(`${this.baseUrl}${pathname.slice(0, -'/fetch'.length)}`);
      const subject = this.entities.get(searchParams.get('sub') ?? '');
      const subordination = subject && issuer?.subordinates.get(subject.id);
      if (issuer && subject && subordination) jwt = await this.subordinateStatement(issuer, subject, subordination);
    }
    if (!jwt) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    res.writeHead(200, { 'content-type': ENTITY_STATEMENT_MEDIA_TYPE }).end(jwt);
  }

  private async configurationOf(entity: LocalEntity): Promise<string> {
    const jwt = await this.sign(entity.keys, entity.ttlSeconds, {
      iss: entity.id,
      sub: entity.id,
      jwks: publicJwks(entity.keys),
      metadata: entity.metadata,
      ...(entity.authorityHints.length ? { authority_hints: entity.authorityHints } : {}),
    });
    if (!entity.tampered) return jwt;
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as {
      metadata: Record<string, Record<string, unknown>>;
    };
    claims.metadata['openid_provider']['authorization_endpoint'] = 'https://attacker.invalid/authorization';
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  }

  private subordinateStatement(
    issuer: LocalEntity,
    subject: LocalEntity,
    subordination: Subordination,
  ): Promise<string> {
    return this.sign(issuer.rogueKeys ?? issuer.keys, subordination.ttlSeconds ?? DAY, {
      iss: issuer.id,
      sub: subject.id,
      jwks: subordination.statedJwks ?? publicJwks(subject.keys),
      ...(subordination.metadataPolicy ? { metadata_policy: subordination.metadataPolicy } : {}),
      ...(subordination.metadata ? { metadata: subordination.metadata } : {}),
    });
  }

  private async sign(keys: PrivateJwkSet, ttlSeconds: number, claims: Record<string, unknown>): Promise<string> {
    const jwk: JWK = keys.keys[0];
    const now = Math.floor(this.now().getTime() / 1000);
    // An already expired statement was issued an hour before its expiry.
    const iat = ttlSeconds > 0 ? now : now + ttlSeconds - 3600;
    return new SignJWT({ ...claims, iat, exp: now + ttlSeconds })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid!, typ: ENTITY_STATEMENT_TYPE })
      .sign(await importJWK(jwk, 'RS256'));
  }
}
