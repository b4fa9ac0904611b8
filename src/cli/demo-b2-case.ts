import { SAMPLE_APPLICATIONS } from '../modules/measures/domain/reference-measures/sample-applications.js';

const MEASURE = 'B2-FNA-2025-SEREGNO';

/**
 * The demo citizen's B2 application, submitted through the real API: she applies as a family
 * member for a person with severe disability who lives in Seregno, so the case reaches the
 * officers of the Ambito di Seregno. Returns the protocol number.
 */
export async function submitDemoB2Case(base: string, accessToken: string): Promise<string> {
  const post = async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${String(json.detailEn ?? '')}`);
    return json;
  };
  const data = { ...SAMPLE_APPLICATIONS[MEASURE], applicantRole: 'family_member' };
  const draft = (await post('/api/v1/applications', { measureCode: MEASURE, data })) as { id: string };
  const receipt = (await post(`/api/v1/applications/${draft.id}/submit`)) as { protocolNumber: string };
  return receipt.protocolNumber;
}
