import type { VNode } from 'preact';
import type { Principal } from '../../../../common/access/principal.js';
import type { CaseAction } from '../../../applications/domain/allowed-actions.js';
import type { Application } from '../../../applications/application.entity.js';
import type { ApplicationDto } from '../../../applications/intake/intake.dto.js';
import type { RequiredDocument } from '../../../measures/domain/measure-definition.js';
import { CheckboxField, RadioGroup, SelectField, TextField } from '../../components/form-controls.js';
import type { Lang } from '../../i18n/lang.js';
import { translator, type MessageKey, type Translate } from '../../i18n/messages.js';
import type { PortalServices } from '../../portal-services.js';
import { formatDateTime } from '../../format.js';
import type { StaffMember } from './staff-directory.js';
import { TextAreaField } from './text-area-field.js';

/** What an action's form reads about its case (loaded once per request, after the access check). */
export interface ActionCase {
  app: ApplicationDto;
  entity: Application;
  documents: readonly RequiredDocument[];
  officers: readonly StaffMember[];
  proposer: { name: string | null; at: string } | null;
}

export type Values = Readonly<Record<string, string>>;
export interface FormError {
  /** The field it is about; null: the whole action (a refusal of the service). */
  field: string | null;
  message: string;
}

export interface ActionSpec {
  /** The URL segment: the allowedActions name, kebab-cased. */
  slug: string;
  /** The allowedActions name; check_outcome is a measure-level check on an approved case. */
  action: CaseAction | 'check_outcome';
  fields(v: Values, errors: Readonly<Record<string, string>>, c: ActionCase, t: Translate, lang: Lang): VNode;
  parse(v: Values, c: ActionCase, t: Translate): FormError[];
  /** What the confirmation shows, label then value. */
  summary(v: Values, c: ActionCase, t: Translate): [string, string][];
  run(s: PortalServices, actor: Principal, c: ActionCase, version: number, v: Values): Promise<unknown>;
}

export const titleKey = (action: ActionSpec['action']) => `action_${action}` as MessageKey;

const text = (v: Values, name: string) => (v[name] ?? '').trim();
const reasonsOk = (s: string, max = 4000) => s.length >= 3 && s.length <= max;
const need = (ok: boolean, field: string, message: string): FormError[] => (ok ? [] : [{ field, message }]);

/** Euro as typed in Italy or abroad ("1200,50", "1200.50", "1200") → cents; null if not money. */
export function euroToCents(typed: string): number | null {
  const m = /^(\d{1,12})(?:[.,](\d{1,2}))?$/.exec(typed.replace(/\s/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}

export const formatEuro = (cents: number, lang: Lang) =>
  new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

const TEMPLATES = ['documents', 'data', 'isee'] as const;

/** The integration message: the template's text, the documents asked, the officer's own words. */
export function integrationMessage(v: Values, c: ActionCase, t: Translate): string {
  const template = TEMPLATES.find((x) => x === v.template);
  const docs = c.documents.filter((d) => v[`doc_${d.id}`] === 'true').map((d) => d.name.it);
  return [
    template ? t(`templateText_${template}`) : '',
    docs.length ? `${t('integrationDocumentsLabel')} ${docs.join('; ')}.` : '',
    text(v, 'note'),
  ]
    .filter(Boolean)
    .join('\n');
}

const ReasonsField = ({
  v,
  e,
  t,
  name = 'reasons',
  label,
}: {
  v: Values;
  e: Record<string, string>;
  t: Translate;
  name?: string;
  label?: string;
}) => (
  <TextAreaField
    name={name}
    label={label ?? t('reasons')}
    value={v[name]}
    hint={t('reasonsHint')}
    error={e[name]}
    required
    maxLength={4000}
  />
);

const outcomeOptions = (t: Translate) => [
  { value: 'approve', label: t('outcome_approve') },
  { value: 'reject', label: t('outcome_reject') },
];

/** The proposal the decider reads, and who made it (four eyes: the page names them). */
function ProposalBox({ c, t, lang }: { c: ActionCase; t: Translate; lang: Lang }) {
  const p = c.app.proposal as { outcome?: 'approve' | 'reject'; reasons?: string } | null;
  if (!p?.outcome) return <p>{t('proposalNone')}</p>;
  const observations = c.entity.observations as { text?: string } | null;
  return (
    <div class="callout">
      <div class="callout-title">
        {c.proposer
          ? t('proposalBy', { name: c.proposer.name ?? '—', when: formatDateTime(c.proposer.at, lang) })
          : t('proposalOutcome', { outcome: t(`outcome_${p.outcome}`) })}
      </div>
      <p id="proposal-outcome">{t('proposalOutcome', { outcome: t(`outcome_${p.outcome}`) })}</p>
      <p lang="it">{p.reasons}</p>
      {observations?.text ? (
        <>
          <h2 class="h6">{t('observationsReceived')}</h2>
          <blockquote class="blockquote" lang="it">
            {observations.text}
          </blockquote>
        </>
      ) : null}
    </div>
  );
}

const decide = (outcome: 'approve' | 'reject'): ActionSpec => ({
  slug: `decide-${outcome}`,
  action: outcome === 'approve' ? 'decide_approve' : 'decide_reject',
  fields: (v, e, c, t, lang) => (
    <>
      <ProposalBox c={c} t={t} lang={lang} />
      <ReasonsField v={v} e={e} t={t} />
      {outcome === 'reject' && c.entity.observations ? (
        <TextAreaField
          name="observationsAssessment"
          label={t('observationsAssessment')}
          value={v.observationsAssessment}
          hint={t('observationsAssessmentHint')}
          error={e.observationsAssessment}
          required
          maxLength={8000}
        />
      ) : null}
    </>
  ),
  parse: (v, c, t) => [
    ...need(reasonsOk(text(v, 'reasons'), 8000), 'reasons', t('reasonsInvalid')),
    ...need(
      outcome !== 'reject' || !c.entity.observations || reasonsOk(text(v, 'observationsAssessment'), 8000),
      'observationsAssessment',
      t('reasonsInvalid'),
    ),
  ],
  summary: (v, c, t) => [
    [t('proposeOutcome'), t(`outcome_${outcome}`)],
    [t('reasons'), text(v, 'reasons')],
    ...(text(v, 'observationsAssessment')
      ? [[t('observationsAssessment'), text(v, 'observationsAssessment')] as [string, string]]
      : []),
  ],
  run: (s, actor, c, version, v) =>
    s.review.decide(actor, c.app.id, {
      version,
      outcome,
      reasons: text(v, 'reasons'),
      observationsAssessment: text(v, 'observationsAssessment') || undefined,
    }),
});

/** Every action page, by URL segment. */
export const ACTION_SPECS: readonly ActionSpec[] = [
  {
    slug: 'take-in-charge',
    action: 'take_in_charge',
    fields: (_v, _e, _c, t) => <p>{t('takeInChargeIntro')}</p>,
    parse: () => [],
    summary: (_v, _c, t) => [[t('action_take_in_charge'), t('takeInChargeIntro')]],
    run: (s, actor, c, version) => s.review.takeInCharge(actor, c.app.id, { version }),
  },
  {
    slug: 'assign',
    action: 'assign',
    fields: (v, e, c, t) =>
      c.officers.length ? (
        <SelectField
          name="operatorId"
          legend={t('assignOperator')}
          placeholder={t('assignChoose')}
          options={c.officers.map((o) => ({ value: o.id, label: o.name }))}
          value={v.operatorId}
          hint={t('assignHint')}
          error={e.operatorId}
          required
        />
      ) : (
        <p>{t('assignNone')}</p>
      ),
    parse: (v, c, t) =>
      need(
        c.officers.some((o) => o.id === v.operatorId),
        'operatorId',
        t('chooseOne'),
      ),
    summary: (v, c, t) => [[t('assignOperator'), c.officers.find((o) => o.id === v.operatorId)?.name ?? '']],
    run: (s, actor, c, version, v) => s.review.takeInCharge(actor, c.app.id, { version, operatorId: v.operatorId }),
  },
  {
    slug: 'request-integration',
    action: 'request_integration',
    fields: (v, e, c, t) => (
      <>
        <RadioGroup
          name="template"
          legend={t('integrationTemplate')}
          options={TEMPLATES.map((x) => ({ value: x, label: t(`template_${x}`) }))}
          value={v.template}
          error={e.template}
          required
        />
        <fieldset class="form-group" id="f-documents">
          <legend class="h6">{t('requestDocumentsAsked')}</legend>
          {c.documents.length === 0 ? <p>{t('integrationDocumentsNone')}</p> : null}
          {c.documents.map((d) => (
            <CheckboxField name={`doc_${d.id}`} label={d.name.it} checked={v[`doc_${d.id}`] === 'true'} />
          ))}
        </fieldset>
        <TextAreaField
          name="note"
          label={t('integrationNote')}
          value={v.note}
          hint={t('integrationNoteHint')}
          error={e.note}
          maxLength={3000}
        />
        <TextField
          name="days"
          label={t('requestTermDays')}
          value={v.days ?? '10'}
          hint={t('integrationDaysHint')}
          error={e.days}
          inputMode="numeric"
          required
        />
      </>
    ),
    parse: (v, c, t) => {
      const days = Number(text(v, 'days'));
      const message = integrationMessage(v, c, t);
      return [
        ...need(
          TEMPLATES.some((x) => x === v.template),
          'template',
          t('chooseOne'),
        ),
        ...need(/^\d{1,2}$/.test(text(v, 'days')) && days >= 1 && days <= 30, 'days', t('integrationDaysInvalid')),
        ...need(message.length <= 4000, 'note', t('reasonsInvalid')),
      ];
    },
    summary: (v, c, t) => [
      [t('integrationMessage'), integrationMessage(v, c, t)],
      [t('requestTermDays'), text(v, 'days')],
    ],
    run: (s, actor, c, version, v) =>
      s.review.requestIntegration(actor, c.app.id, {
        version,
        // The act's text is Italian whatever the officer's interface language.
        message: integrationMessage(v, c, translator('it')),
        days: Number(text(v, 'days')),
      }),
  },
  {
    slug: 'propose',
    action: 'propose',
    fields: (v, e, _c, t) => (
      <>
        <RadioGroup
          name="outcome"
          legend={t('proposeOutcome')}
          options={outcomeOptions(t)}
          value={v.outcome}
          error={e.outcome}
          required
        />
        <ReasonsField v={v} e={e} t={t} />
      </>
    ),
    parse: (v, _c, t) => [
      ...need(v.outcome === 'approve' || v.outcome === 'reject', 'outcome', t('chooseOne')),
      ...need(reasonsOk(text(v, 'reasons')), 'reasons', t('reasonsInvalid')),
    ],
    summary: (v, _c, t) => [
      [t('proposeOutcome'), v.outcome === 'reject' ? t('outcome_reject') : t('outcome_approve')],
      [t('reasons'), text(v, 'reasons')],
    ],
    run: (s, actor, c, version, v) =>
      s.review.propose(actor, c.app.id, {
        version,
        outcome: v.outcome === 'reject' ? 'reject' : 'approve',
        reasons: text(v, 'reasons'),
      }),
  },
  {
    slug: 'send-pre-rejection-notice',
    action: 'send_pre_rejection_notice',
    fields: (v, e, c, t, lang) => (
      <>
        <ProposalBox c={c} t={t} lang={lang} />
        <ReasonsField v={v} e={e} t={t} />
      </>
    ),
    parse: (v, _c, t) => need(reasonsOk(text(v, 'reasons')), 'reasons', t('reasonsInvalid')),
    summary: (v, _c, t) => [[t('reasons'), text(v, 'reasons')]],
    run: (s, actor, c, version, v) =>
      s.review.sendPreRejectionNotice(actor, c.app.id, { version, reasons: text(v, 'reasons') }),
  },
  decide('approve'),
  decide('reject'),
  {
    slug: 'close-duplicate',
    action: 'close_duplicate',
    fields: (v, e, c, t) => (
      <>
        <RadioGroup
          name="duplicateOf"
          legend={t('duplicateOf')}
          options={c.app.possibleDuplicates.map((d) => ({
            value: d.id,
            label: `${d.protocolNumber ?? d.id} – ${t(`status_${d.status}` as MessageKey)}`,
          }))}
          value={v.duplicateOf}
          error={e.duplicateOf}
          required
        />
        <ReasonsField v={v} e={e} t={t} />
      </>
    ),
    parse: (v, c, t) => [
      ...need(
        c.app.possibleDuplicates.some((d) => d.id === v.duplicateOf),
        'duplicateOf',
        t('chooseOne'),
      ),
      ...need(reasonsOk(text(v, 'reasons'), 8000), 'reasons', t('reasonsInvalid')),
    ],
    summary: (v, c, t) => [
      [t('duplicateOf'), c.app.possibleDuplicates.find((d) => d.id === v.duplicateOf)?.protocolNumber ?? ''],
      [t('reasons'), text(v, 'reasons')],
    ],
    run: (s, actor, c, version, v) =>
      s.review.closeDuplicate(actor, c.app.id, { version, duplicateOf: v.duplicateOf, reasons: text(v, 'reasons') }),
  },
  {
    slug: 'revoke',
    action: 'revoke',
    fields: (v, e, c, t, lang) => (
      <>
        <ReasonsField v={v} e={e} t={t} name="reason" label={t('revokeReason')} />
        <TextField
          name="recovery"
          label={t('recoveryAmount')}
          value={v.recovery}
          hint={t('recoveryHint', { amount: formatEuro(Number(c.entity.amountCents ?? 0), lang) })}
          error={e.recovery}
          inputMode="decimal"
          required
        />
      </>
    ),
    parse: (v, _c, t) => [
      ...need(reasonsOk(text(v, 'reason')), 'reason', t('reasonsInvalid')),
      ...need(euroToCents(text(v, 'recovery')) !== null, 'recovery', t('recoveryInvalid')),
    ],
    summary: (v, _c, t) => [
      [t('revokeReason'), text(v, 'reason')],
      [t('recoveryAmount'), text(v, 'recovery')],
    ],
    run: (s, actor, c, version, v) =>
      s.review.revoke(actor, c.app.id, {
        version,
        reason: text(v, 'reason'),
        recoveryAmountCents: euroToCents(text(v, 'recovery'))!,
      }),
  },
  {
    slug: 'check-outcome',
    action: 'check_outcome',
    fields: (v, e, c, t, lang) => (
      <>
        <RadioGroup
          name="outcome"
          legend={t('checkOutcome')}
          options={[
            { value: 'passed', label: t('check_passed') },
            { value: 'failed', label: t('check_failed') },
          ]}
          value={v.outcome}
          error={e.outcome}
          required
        />
        <ReasonsField v={v} e={e} t={t} name="notes" label={t('checkNotes')} />
        <TextField
          name="recovery"
          label={t('recoveryAmount')}
          value={v.recovery}
          hint={`${t('checkRecoveryHint')} ${t('recoveryHint', { amount: formatEuro(Number(c.entity.amountCents ?? 0), lang) })}`}
          error={e.recovery}
          inputMode="decimal"
        />
      </>
    ),
    parse: (v, _c, t) => [
      ...need(v.outcome === 'passed' || v.outcome === 'failed', 'outcome', t('chooseOne')),
      ...need(reasonsOk(text(v, 'notes')), 'notes', t('reasonsInvalid')),
      ...need(!text(v, 'recovery') || euroToCents(text(v, 'recovery')) !== null, 'recovery', t('recoveryInvalid')),
    ],
    summary: (v, _c, t) => [
      [t('checkOutcome'), v.outcome === 'failed' ? t('check_failed') : t('check_passed')],
      [t('checkNotes'), text(v, 'notes')],
      ...(text(v, 'recovery') ? [[t('recoveryAmount'), text(v, 'recovery')] as [string, string]] : []),
    ],
    run: (s, actor, c, version, v) =>
      s.checks.record(actor, c.app.id, {
        version,
        outcome: v.outcome === 'failed' ? 'failed' : 'passed',
        notes: text(v, 'notes'),
        recoveryAmountCents:
          v.outcome === 'failed' && text(v, 'recovery') ? euroToCents(text(v, 'recovery'))! : undefined,
      }),
  },
];
