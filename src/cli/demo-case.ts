import { SAMPLE_APPLICATIONS } from '../modules/measures/domain/reference-measures/sample-applications.js';
import { submitDemoB2Case } from './demo-b2-case.js';

const MEASURE = 'NIDI-GRATIS-PLUS-2024-25';

async function call(base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${String(json.detailEn ?? '')}`);
  return json;
}

/** Waits until the API answers ready (PostgreSQL and Redis reachable). */
export async function waitReady(base: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/api/v1/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become ready');
}

/**
 * The demo citizen's first application (Nidi Gratis Plus), submitted through the real API like a
 * citizen would, so the demo has a case in the Brescia officers' queue and a receipt e-mail and
 * inbox message. Nothing is done if she already has applications. Returns the protocol number.
 */
export async function submitDemoCase(base: string, email: string, password: string): Promise<string | null> {
  const { accessToken } = (await call(base, '/api/v1/auth/login', { method: 'POST', body: { email, password } })) as {
    accessToken: string;
  };
  const mine = (await call(base, '/api/v1/applications', { token: accessToken })) as unknown as unknown[];
  if (mine.length > 0) return null;
  const draft = (await call(base, '/api/v1/applications', {
    method: 'POST',
    token: accessToken,
    body: { measureCode: MEASURE, data: SAMPLE_APPLICATIONS[MEASURE] },
  })) as { id: string };
  const receipt = (await call(base, `/api/v1/applications/${draft.id}/submit`, {
    method: 'POST',
    token: accessToken,
  })) as { protocolNumber: string };
  await submitDemoB2Case(base, accessToken);
  return receipt.protocolNumber;
}
