import type { VNode } from 'preact';
import type { MessageKey, Translate } from '../../i18n/messages.js';

export type CentreStep = 'data' | 'documents' | 'summary';

const STEPS: readonly { id: CentreStep; label: MessageKey; path: string }[] = [
  { id: 'data', label: 'stepData', path: '/dati' },
  { id: 'documents', label: 'stepDocuments', path: '/documenti' },
  { id: 'summary', label: 'stepSummary', path: '/riepilogo' },
];

export const CENTRE_HOME = '/lavoro/centro';

/** A case's pages: neutral addresses, the case id only (no code, no name, no fiscal code). */
export const casePath = (id: string, suffix = '') => `${CENTRE_HOME}/pratiche/${id}${suffix}`;
export const stepPath = (id: string, step: CentreStep) => casePath(id, STEPS.find((s) => s.id === step)!.path);
export const newCasePath = (slug: string) => `${CENTRE_HOME}/nuova/${slug}`;

/** The filing's three steps and where the operator is; the steps before link back to be edited. */
export function CentreStepsNav({ t, current, id }: { t: Translate; current: CentreStep; id: string | null }): VNode {
  const at = STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label={t('centreStepsNav')} class="mb-4">
      <p class="mb-2">{t('stepOf', { n: at + 1, total: STEPS.length })}</p>
      <ol class="portal-steps">
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={i === at ? 'step' : undefined} class={i === at ? 'fw-bold' : undefined}>
            {i < at && id ? <a href={stepPath(id, s.id)}>{t(s.label)}</a> : t(s.label)}
            {i < at ? <span class="visually-hidden"> ({t('stepDone')})</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}
