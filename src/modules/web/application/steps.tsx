import type { VNode } from 'preact';
import type { MessageKey, Translate } from '../i18n/messages.js';
import type { JsonSchemaNode } from '../schema-form/field-kind.js';

export type StepId = 'privacy' | 'who' | 'data' | 'documents' | 'summary';

const STEPS: readonly { id: StepId; label: MessageKey; path: string }[] = [
  { id: 'privacy', label: 'stepPrivacy', path: '' },
  { id: 'who', label: 'stepWho', path: '/chi' },
  { id: 'data', label: 'stepData', path: '' },
  { id: 'documents', label: 'stepDocuments', path: '/documenti' },
  { id: 'summary', label: 'stepSummary', path: '/riepilogo' },
];

/** Where a step of a draft lives (the privacy step was passed when the draft was created). */
export const stepHref = (id: string, step: Exclude<StepId, 'privacy'>) =>
  `/domande/${id}${STEPS.find((s) => s.id === step)!.path}`;

/**
 * The steps and where the person is, on every screen of the application; the steps before the
 * current one link back to be edited (the privacy consent is given once, when the draft starts).
 */
export function StepsNav({ t, current, id }: { t: Translate; current: StepId; id: string | null }): VNode {
  const at = STEPS.findIndex((s) => s.id === current);
  return (
    <nav aria-label={t('stepsNav')} class="mb-4">
      <p class="mb-2">{t('stepOf', { n: at + 1, total: STEPS.length })}</p>
      <ol class="portal-steps">
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={i === at ? 'step' : undefined} class={i === at ? 'fw-bold' : undefined}>
            {i < at && id && s.id !== 'privacy' ? <a href={stepHref(id, s.id)}>{t(s.label)}</a> : t(s.label)}
            {i < at ? <span class="visually-hidden"> ({t('stepDone')})</span> : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The fields saying who applies and for whom: the measure's applicant-role field and its beneficiary's. */
export function whoFieldsOf(schema: JsonSchemaNode, beneficiaryField: string): string[] {
  const properties = Object.keys(schema.properties ?? {});
  return properties.filter((k) => k === 'applicantRole' || k === 'applicantRelationship' || k === beneficiaryField);
}

/** The schema restricted to some of its top-level fields (one step's part of the form). */
export function pickFields(schema: JsonSchemaNode, keep: (name: string) => boolean): JsonSchemaNode {
  const properties = Object.fromEntries(
    Object.entries((schema.properties ?? {}) as Record<string, JsonSchemaNode>).filter(([k]) => keep(k)),
  );
  return { ...schema, properties, required: ((schema.required as string[] | undefined) ?? []).filter(keep) };
}
