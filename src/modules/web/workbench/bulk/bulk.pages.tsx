import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { hasRole, type Principal } from '../../../../common/access/principal.js';
import { Role } from '../../../../common/access/role.js';
import { AppError, notFound } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { BULK_KINDS, BULK_ROLE, type BulkKind } from '../../../bulk-operations/bulk-operation.kinds.js';
import { CreateBulkOperationDto } from '../../../bulk-operations/bulk-operations.dto.js';
import type { BulkCandidate } from '../../../bulk-operations/bulk-operations.service.js';
import {
  CheckboxField,
  CsrfField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextField,
} from '../../components/form-controls.js';
import { formatDateTime } from '../../format.js';
import type { MessageKey, Translate } from '../../i18n/messages.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { casePath } from '../actions/actions.pages.js';
import { officersSharingScope, type StaffMember } from '../actions/staff-directory.js';
import { TextAreaField } from '../actions/text-area-field.js';
import { BULK_PROGRESS_URL } from './bulk-progress-script.js';

const STAFF: AccessPolicy = { kind: 'roles', roles: [Role.OPERATOR, Role.MANAGER] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Errors = Readonly<Record<string, string>>;

/**
 * `/lavoro/operazioni`: bulk work (assign many cases, decide many a-sportello cases in protocol
 * order, one integration request to many). The page lists the cases each kind applies to, with
 * the version read; starting one calls BulkOperationsService.create (as POST
 * /api/v1/bulk-operations) and leads to its page, where the worker's progress and each case's
 * result show (a served script polls the JSON status; without it, the "Aggiorna" link).
 */
export function bulkPages(s: PortalServices): PageRoute[] {
  const principal = (ctx: PageContext) => ctx.session!.principal!;
  const kindsOf = (actor: Principal) => BULK_KINDS.filter((k) => hasRole(actor, BULK_ROLE[k]));

  const index = async (
    ctx: PageContext,
    failed: { kind: BulkKind; errors: Errors } | null,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const actor = principal(ctx);
    const csrf = (await ctx.ensureSession()).csrfToken;
    const kinds = kindsOf(actor);
    const lists = await Promise.all(kinds.map((k) => s.bulk.candidates(actor, k)));
    const officers = kinds.includes('assign') ? await officersSharingScope(s.db, actor) : [];
    const recent = await s.bulk.mine(actor);
    const errors = failed
      ? Object.entries(failed.errors).map(([field, message]) => ({ anchor: `f-${failed.kind}-${field}`, message }))
      : [];
    return {
      status,
      html: (
        <WorkbenchLayout chrome={ctx.chrome()} title={t('bulkTitle')} roles={actor.roles} section="bulk">
          <ErrorSummary title={t('errorSummaryTitle')} errors={errors} />
          <h1>{t('bulkTitle')}</h1>
          <p>{t('bulkIntro')}</p>
          {kinds.map((kind, i) => (
            <KindForm
              kind={kind}
              cases={lists[i]}
              officers={officers}
              csrf={csrf}
              t={t}
              errors={failed?.kind === kind ? failed.errors : {}}
              values={failed?.kind === kind ? ctx.form : {}}
            />
          ))}
          <section aria-labelledby="bulk-recent" class="mt-5">
            <h2 class="h4" id="bulk-recent">
              {t('bulkRecent')}
            </h2>
            {recent.length === 0 ? <p>{t('bulkNoRecent')}</p> : null}
            <ul>
              {recent.map((op) => (
                <li>
                  <a href={`/lavoro/operazioni/${op.id}`}>
                    {t(`bulk_${op.kind}`)} – {formatDateTime(op.createdAt, lang)}
                  </a>{' '}
                  ({t(`bulkState_${op.state}` as MessageKey)}, {op.total})
                </li>
              ))}
            </ul>
          </section>
        </WorkbenchLayout>
      ),
    };
  };

  const start = async (ctx: PageContext): Promise<PageResult> => {
    const actor = principal(ctx);
    const kind = BULK_KINDS.find((k) => k === ctx.form.kind && kindsOf(actor).includes(k));
    if (!kind) throw notFound();
    const f = ctx.form;
    const prefix = f.all === 'true' ? 'listed_' : 'case_';
    const items = Object.entries(f)
      .filter(([name]) => name.startsWith(prefix) && UUID.test(name.slice(prefix.length)))
      .map(([name, version]) => ({ id: name.slice(prefix.length), version: Number(version) }));
    const errors: Record<string, string> = {};
    if (items.length === 0) errors.cases = ctx.t('bulkNoneChosen');
    if (f.confirm !== 'true') errors.confirm = ctx.t('bulkConfirmRequired');
    const dto = plainToInstance(CreateBulkOperationDto, {
      kind,
      items,
      operatorId: f.operatorId || undefined,
      outcome: f.outcome || undefined,
      reasons: f.reasons?.trim() || undefined,
      message: f.message?.trim() || undefined,
      days: /^\d{1,2}$/.test(f.days ?? '') ? Number(f.days) : undefined,
    });
    for (const e of await validate(dto, { whitelist: true, forbidNonWhitelisted: true })) {
      if (e.property === 'items') errors.cases = ctx.t('bulkNoneChosen');
      else if (e.property !== 'kind') errors[e.property] = ctx.t(FIELD_ERROR[e.property] ?? 'required');
    }
    if (Object.keys(errors).length) return index(ctx, { kind, errors }, 400);
    try {
      const op = await s.bulk.create(actor, dto, UUID.test(f._key ?? '') ? f._key : undefined);
      return { redirect: `/lavoro/operazioni/${op.id}` };
    } catch (error) {
      if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
      return index(ctx, { kind, errors: { cases: error.detail[ctx.lang] } }, ERROR_CATALOG[error.code].status);
    }
  };

  const operation = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw notFound();
    return s.bulk.get(principal(ctx), id);
  };

  const show = async (ctx: PageContext): Promise<PageResult> => {
    const { t, lang } = ctx;
    const op = await operation(ctx);
    const finished = op.state === 'done' || op.state === 'failed';
    const title = t('bulkOperationTitle', { kind: t(`bulk_${op.kind}`) });
    const counts = {
      processed: op.processed,
      total: op.total,
      done: op.done,
      already: op.already,
      refused: op.refused,
    };
    return {
      html: (
        <WorkbenchLayout
          chrome={ctx.chrome()}
          title={title}
          roles={principal(ctx).roles}
          section="bulk"
          crumbs={[{ label: t('bulkTitle'), href: '/lavoro/operazioni' }, { label: title }]}
          script={finished ? undefined : BULK_PROGRESS_URL}
        >
          <h1>{title}</h1>
          <p>
            {t('bulkStartedAt', { when: formatDateTime(op.createdAt, lang) })} –{' '}
            <strong id="bulk-state">{t(`bulkState_${op.state}` as MessageKey)}</strong>
          </p>
          <label htmlFor="bulk-progress" class="d-block">
            {t('bulkProgressLabel')}
          </label>
          <progress
            id="bulk-progress"
            class="w-100"
            max={op.total}
            value={op.processed}
            data-status-url={`/lavoro/operazioni/${op.id}/stato`}
            data-finished={finished ? 'true' : 'false'}
          >
            {op.processed}/{op.total}
          </progress>
          <p id="bulk-status" role="status" data-template={t('bulkProgress')}>
            {t('bulkProgress', counts)}
          </p>
          {finished ? null : (
            <p>
              <a href={`/lavoro/operazioni/${op.id}`} id="bulk-refresh">
                {t('bulkRefresh')}
              </a>
            </p>
          )}
          <h2 class="h4">{t('bulkResults')}</h2>
          <table class="table table-sm" id="bulk-results">
            <caption class="visually-hidden">{t('bulkResults')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bulkCase')}</th>
                <th scope="col">{t('bulkResult')}</th>
                <th scope="col">{t('bulkReason')}</th>
              </tr>
            </thead>
            <tbody>
              {op.items.map((i) => (
                <tr data-result={i.result ?? 'pending'}>
                  <th scope="row">
                    {i.protocolNumber ? (
                      <a href={casePath(i.applicationId)}>{i.protocolNumber}</a>
                    ) : (
                      t('bulkCaseHidden')
                    )}
                  </th>
                  <td>{t(`bulkResult_${i.result ?? 'pending'}` as MessageKey)}</td>
                  <td>{i.refusal?.[lang] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <a href="/lavoro/operazioni">{t('bulkBack')}</a>
          </p>
        </WorkbenchLayout>
      ),
    };
  };

  /**
   * The JSON the page's script polls: counts and state only (no case data). Sent as a page
   * "file" (the portal's one non-HTML result): fetch() ignores its attachment disposition.
   */
  const status = async (ctx: PageContext): Promise<PageResult> => {
    const op = await operation(ctx);
    const body = {
      state: op.state,
      total: op.total,
      processed: op.processed,
      done: op.done,
      already: op.already,
      refused: op.refused,
    };
    return { file: Buffer.from(JSON.stringify(body)), type: 'application/json; charset=utf-8', name: 'stato.json' };
  };

  return [
    { method: 'GET', url: '/lavoro/operazioni', policy: STAFF, handler: (ctx) => index(ctx, null) },
    { method: 'POST', url: '/lavoro/operazioni', policy: STAFF, handler: start },
    { method: 'GET', url: '/lavoro/operazioni/:id', policy: STAFF, handler: show },
    { method: 'GET', url: '/lavoro/operazioni/:id/stato', policy: STAFF, handler: status },
  ];
}

const FIELD_ERROR: Record<string, MessageKey> = {
  operatorId: 'chooseOne',
  outcome: 'chooseOne',
  reasons: 'reasonsInvalid',
  message: 'reasonsInvalid',
  days: 'integrationDaysInvalid',
};

/** One kind's form: its cases (with the version read), its own fields, the confirmation. */
function KindForm(p: {
  kind: BulkKind;
  cases: readonly BulkCandidate[];
  officers: readonly StaffMember[];
  csrf: string;
  t: Translate;
  errors: Errors;
  values: Readonly<Record<string, string>>;
}) {
  const { kind, t, errors: e, values: v } = p;
  const id = (name: string) => `f-${kind}-${name}`;
  return (
    <section aria-labelledby={`bulk-${kind}`} class="mt-5">
      <h2 class="h4" id={`bulk-${kind}`}>
        {t(`bulk_${kind}`)}
      </h2>
      {p.cases.length === 0 ? (
        <p>{t('bulkNoCases')}</p>
      ) : (
        <form method="post" action="/lavoro/operazioni" novalidate id={`bulk-form-${kind}`}>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="kind" value={kind} />
          {/* Per form shown: a double click or a resubmitted form finds the operation already started. */}
          <input type="hidden" name="_key" value={randomUUID()} />
          {p.cases.map((c) => (
            <input type="hidden" name={`listed_${c.id}`} value={String(c.version)} />
          ))}
          <fieldset class="form-group" id={id('cases')} aria-describedby={e.cases ? `${id('cases')}-error` : undefined}>
            <legend class="h6">{t('bulkCasesCaption')}</legend>
            <CheckboxField
              name="all"
              id={id('all')}
              label={t('bulkAllListed', { count: p.cases.length })}
              checked={v.all === 'true'}
            />
            <table class="table table-sm">
              <caption class="visually-hidden">{t('bulkCasesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bulkPick')}</th>
                  <th scope="col">{t('bulkColMeasure')}</th>
                  {kind === 'decide' ? <th scope="col">{t('bulkColProposal')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {p.cases.map((c) => (
                  <tr>
                    <td>
                      <div class="form-check mb-0">
                        <input
                          class="form-check-input"
                          type="checkbox"
                          id={`${kind}-case-${c.id}`}
                          name={`case_${c.id}`}
                          value={String(c.version)}
                          checked={v[`case_${c.id}`] !== undefined}
                        />
                        <label class="form-check-label" htmlFor={`${kind}-case-${c.id}`}>
                          {c.protocolNumber}
                        </label>
                      </div>
                    </td>
                    <td>{c.measureCode}</td>
                    {kind === 'decide' ? <td>{c.proposal ? t(`outcome_${c.proposal}` as MessageKey) : '—'}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
            {e.cases ? (
              <div id={`${id('cases')}-error`} class="form-feedback invalid-feedback d-block">
                {e.cases}
              </div>
            ) : null}
          </fieldset>
          {kind === 'assign' ? (
            <SelectField
              name="operatorId"
              id={id('operatorId')}
              legend={t('assignOperator')}
              placeholder={t('assignChoose')}
              options={p.officers.map((o) => ({ value: o.id, label: o.name }))}
              value={v.operatorId}
              hint={t('assignHint')}
              error={e.operatorId}
              required
            />
          ) : null}
          {kind === 'decide' ? (
            <>
              <RadioGroup
                name="outcome"
                id={id('outcome')}
                legend={t('bulkDecideOutcome')}
                options={[
                  { value: 'approve', label: t('outcome_approve') },
                  { value: 'reject', label: t('outcome_reject') },
                ]}
                value={v.outcome}
                error={e.outcome}
                required
              />
              <BulkText kind={kind} name="reasons" label={t('reasons')} hint={t('reasonsHint')} v={v} e={e} />
            </>
          ) : null}
          {kind === 'request_integration' ? (
            <>
              <BulkText
                kind={kind}
                name="message"
                label={t('integrationMessage')}
                hint={t('reasonsHint')}
                v={v}
                e={e}
              />
              <TextField
                name="days"
                id={id('days')}
                label={t('requestTermDays')}
                value={v.days ?? '10'}
                hint={t('integrationDaysHint')}
                error={e.days}
                inputMode="numeric"
                required
              />
            </>
          ) : null}
          <CheckboxField name="confirm" id={id('confirm')} label={t('bulkConfirm')} error={e.confirm} />
          <button type="submit" class="btn btn-primary" id={`bulk-start-${kind}`}>
            {t('bulkStart')}
          </button>
        </form>
      )}
    </section>
  );
}

function BulkText(p: {
  kind: BulkKind;
  name: string;
  label: string;
  hint: string;
  v: Readonly<Record<string, string>>;
  e: Errors;
}) {
  return (
    <TextAreaField
      name={p.name}
      id={`f-${p.kind}-${p.name}`}
      label={p.label}
      value={p.v[p.name]}
      hint={p.hint}
      error={p.e[p.name]}
      required
      maxLength={4000}
    />
  );
}
