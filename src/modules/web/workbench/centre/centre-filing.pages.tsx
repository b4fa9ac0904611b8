import { randomUUID } from 'node:crypto';
import { Fragment, type ComponentChildren } from 'preact';
import type { AccessPolicy } from '../../../../common/access/access-policy.js';
import { Role } from '../../../../common/access/role.js';
import { AppError } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { ApplicationStatus } from '../../../applications/domain/application-status.js';
import { pickFields } from '../../application/steps.js';
import { summaryRows } from '../../application/submission.pages.js';
import { CsrfField, ErrorSummary } from '../../components/form-controls.js';
import { formatDate, formatInstant } from '../../format.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { PortalMeasure } from '../../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { formErrorsOf, parseSchemaForm, valuesOf } from '../../schema-form/parse-form.js';
import { SchemaFields } from '../../schema-form/schema-form.js';
import { WorkbenchLayout } from '../workbench-layout.js';
import { centreMeasureBy } from './centre-measures.js';
import { CENTRE_HOME, CentreStepsNav, casePath, newCasePath, stepPath, type CentreStep } from './centre-steps.js';

export const CAV: AccessPolicy = { kind: 'roles', roles: [Role.CAV_OPERATOR] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^[0-9a-f-]{36}$/;
const notFound = () => new AppError('NOT_FOUND', { it: 'Pratica non trovata', en: 'Case not found' });

/** The fields the centre fills: the form without what the server sets itself (who submits). */
const centreForm = (m: PortalMeasure) => pickFields(m.definition.formSchema, (k) => k !== 'submitterRole');

type Errors = { anchor: string; message: string }[];

/** A service's refusal as the page's errors (a 404 stays the not-found page). */
function refusal(ctx: PageContext, error: unknown): { fields: Record<string, string>; status: number } {
  if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
  const fields = formErrorsOf(error.extra.errors);
  return {
    fields: Object.keys(fields).length ? fields : { form: error.detail[ctx.lang] },
    status: ERROR_CATALOG[error.code].status,
  };
}

/** The case the operator filed (or may see), with its measure: through the API's own read. */
export async function centreCase(s: PortalServices, ctx: PageContext) {
  const id = (ctx.req.params as { id: string }).id;
  if (!UUID.test(id)) throw notFound();
  const app = await s.cases.get(ctx.session!.principal!, id);
  const measure = await centreMeasureBy(s.catalog, (m) => m.code === app.measureCode);
  return { app, measure };
}

/**
 * Filing a case for a woman the centre follows, in three steps: the measure's data (the
 * schema-form renderer, saved as a draft through IntakeService), documents (DocumentsService,
 * its type and size checks), the summary with "Conferma e invia" (IntakeService.submit with
 * an idempotency key carried by the form: a double click registers one case), then the
 * confirmation with protocol number and receipt. The form holds no address: her address never
 * leaves the centre.
 */
export function centreFilingPages(s: PortalServices): PageRoute[] {
  const frame = (
    ctx: PageContext,
    pageTitle: string,
    step: CentreStep | null,
    id: string | null,
    children: ComponentChildren,
    errors: Errors = [],
  ) => {
    const { t } = ctx;
    const principal = ctx.session!.principal!;
    return (
      <WorkbenchLayout
        chrome={ctx.chrome()}
        title={`${pageTitle} – ${t(id ? 'centreCaseTitle' : 'centreNewTitle')}`}
        roles={principal.roles}
        section="centre"
        crumbs={[
          { label: t('centreTitle'), href: CENTRE_HOME },
          ...(id ? [{ label: t('centreCaseTitle'), href: casePath(id) }] : []),
          { label: pageTitle },
        ]}
      >
        <ErrorSummary title={t('errorSummaryTitle')} errors={errors} />
        {step ? <CentreStepsNav t={t} current={step} id={id} /> : null}
        <h1>{pageTitle}</h1>
        {children}
      </WorkbenchLayout>
    );
  };

  const dataPage = async (
    ctx: PageContext,
    v: {
      measure: PortalMeasure;
      id: string | null;
      values: Readonly<Record<string, string>>;
      errors: Record<string, string>;
      version?: number;
      notice?: MessageKey;
    },
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const errors = Object.entries(v.errors).map(([name, message]) => ({
      anchor: name === 'form' ? 'draft-form' : `f-${name.replace(/\./g, '-')}`,
      message,
    }));
    const action = v.id ? stepPath(v.id, 'data') : newCasePath(v.measure.slug);
    return {
      status,
      html: frame(
        ctx,
        t('stepData'),
        'data',
        v.id,
        <>
          {v.notice ? (
            <div class="alert alert-success" role="status">
              {t(v.notice)}
            </div>
          ) : null}
          <p>{t('centreDataIntro')}</p>
          <form method="post" action={action} id="draft-form" novalidate>
            <CsrfField token={csrf} />
            {v.version !== undefined ? <input type="hidden" name="_version" value={String(v.version)} /> : null}
            <SchemaFields schema={centreForm(v.measure)} values={v.values} errors={v.errors} lang={lang} t={t} />
            <div class="d-flex gap-3 flex-wrap">
              <button type="submit" name="_go" value="next" class="btn btn-primary">
                {t('saveAndContinue')}
              </button>
              <button type="submit" name="_go" value="stay" class="btn btn-outline-primary">
                {t('saveDraft')}
              </button>
            </div>
          </form>
        </>,
        errors,
      ),
    };
  };

  /** The posted form as data, or the messages of answers that are not even of the right type. */
  const read = (ctx: PageContext, m: PortalMeasure) => {
    const { data, errors } = parseSchemaForm(centreForm(m), ctx.form);
    const messages = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]));
    return Object.keys(messages).length ? { errors: messages } : { data };
  };
  const afterSave = (ctx: PageContext, id: string) =>
    ctx.form._go === 'next' ? stepPath(id, 'documents') : `${stepPath(id, 'data')}?salvata=1`;
  const draftOnly = async (ctx: PageContext) => {
    const found = await centreCase(s, ctx);
    return found.app.status === ApplicationStatus.DRAFT ? found : null;
  };

  const documentsPage = async (ctx: PageContext, error: { doc: string; message: string } | null, status = 200) => {
    const { t, lang } = ctx;
    const found = await draftOnly(ctx);
    if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure } = found;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const mib = (s.appConfig.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(0);
    return {
      status,
      html: frame(
        ctx,
        t('stepDocuments'),
        'documents',
        app.id,
        <>
          <p>{t('documentsIntro', { mib })}</p>
          {measure.definition.requiredDocuments.map((d, i) => {
            const mine = uploaded.filter((u) => u.requiredDocumentId === d.id);
            const inputId = `f-file-${d.id}`;
            const invalid = error?.doc === d.id;
            // The heading is a number: a document's name may say what the measure is about.
            return (
              <section key={d.id} class="mb-4" aria-labelledby={`doc-${d.id}`}>
                <h2 class="h5" id={`doc-${d.id}`}>
                  {t('centreDocument', { n: i + 1 })}
                  {d.when ? ` (${t('documentConditional')})` : ''}
                </h2>
                {mine.length ? (
                  <ul>
                    {mine.map((u) => (
                      <li key={u.id}>{t('documentUploaded', { name: u.fileName, kb: Math.ceil(u.size / 1024) })}</li>
                    ))}
                  </ul>
                ) : (
                  <p>{t('documentMissing')}</p>
                )}
                {/* The token and the document first: a file over the limit stops the reading of the form. */}
                <form method="post" action={stepPath(app.id, 'documents')} enctype="multipart/form-data" novalidate>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="requiredDocumentId" value={d.id} />
                  <div class="form-group">
                    <label htmlFor={inputId} class="active">
                      {d.name[lang]}
                    </label>
                    <input
                      id={inputId}
                      name="file"
                      type="file"
                      class={invalid ? 'form-control is-invalid' : 'form-control'}
                      accept={d.mediaTypes.join(',')}
                      aria-describedby={invalid ? `${inputId}-error ${inputId}-hint` : `${inputId}-hint`}
                      aria-invalid={invalid ? 'true' : undefined}
                    />
                    <small id={`${inputId}-hint`} class="form-text">
                      {t('fileHint', { types: d.mediaTypes.map((x) => x.split('/')[1].toUpperCase()).join(', '), mib })}
                    </small>
                    {invalid ? (
                      <div id={`${inputId}-error`} class="invalid-feedback d-block">
                        {error.message}
                      </div>
                    ) : null}
                  </div>
                  <button type="submit" class="btn btn-outline-primary">
                    {t('uploadButton')}
                  </button>
                </form>
              </section>
            );
          })}
          <p>
            <a class="btn btn-primary" href={stepPath(app.id, 'summary')}>
              {t('continue')}
            </a>
          </p>
        </>,
        error ? [{ anchor: `f-file-${error.doc}`, message: error.message }] : [],
      ),
    };
  };

  const summaryPage = async (ctx: PageContext, errors: Errors, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const found = await draftOnly(ctx);
    if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure } = found;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const rows = summaryRows(centreForm(measure), app.data, lang, t);
    return {
      status,
      html: frame(
        ctx,
        t('stepSummary'),
        'summary',
        app.id,
        <>
          <p>{t('centreSummaryIntro')}</p>
          <h2 class="h4">{t('centreSummaryData')}</h2>
          <dl class="row" lang={lang === 'en' ? 'it' : undefined}>
            {rows.map((r) => (
              <Fragment key={r.label}>
                <dt class="col-sm-5">{r.label}</dt>
                <dd class="col-sm-7">{r.value}</dd>
              </Fragment>
            ))}
          </dl>
          <p>
            <a href={stepPath(app.id, 'data')}>{t('editData')}</a>
          </p>
          <h2 class="h4">{t('stepDocuments')}</h2>
          {uploaded.length ? (
            <ul>
              {uploaded.map((u) => (
                <li key={u.id}>{u.fileName}</li>
              ))}
            </ul>
          ) : (
            <p>{t('noDocuments')}</p>
          )}
          <p>
            <a href={stepPath(app.id, 'documents')}>{t('editDocuments')}</a>
          </p>
          <div class="alert alert-info" role="note">
            {t('centreDeclaration')}
          </div>
          <form method="post" action={casePath(app.id, '/invia')} id="submit-form" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="_key" value={randomUUID()} />
            <button type="submit" class="btn btn-primary btn-lg">
              {t('centreSend')}
            </button>
          </form>
        </>,
        errors,
      ),
    };
  };

  const confirmationPage = async (ctx: PageContext): Promise<PageResult> => {
    const { t, lang } = ctx;
    const { app } = await centreCase(s, ctx);
    const { receipt: r } = await s.receipts.receipt(ctx.session!.principal!, app.id);
    return {
      html: frame(
        ctx,
        t('centreConfirmationTitle'),
        null,
        app.id,
        <>
          <div class="alert alert-success" role="status">
            {t('centreSubmitted')}
          </div>
          <dl class="row">
            <dt class="col-sm-4">{t('protocolColumn')}</dt>
            <dd class="col-sm-8" id="protocol-number">
              {r.protocolNumber}
            </dd>
            <dt class="col-sm-4">{t('receivedAt')}</dt>
            <dd class="col-sm-8">{formatInstant(r.receivedAt, lang)}</dd>
            <dt class="col-sm-4">{t('deadline')}</dt>
            <dd class="col-sm-8">
              {t('deadlineText', { date: formatDate(r.deadlineDate, lang), days: r.deadlineDays })}
            </dd>
            <dt class="col-sm-4">{t('officer')}</dt>
            <dd class="col-sm-8">{r.officerInCharge ?? t('centreOfficerNotYet')}</dd>
          </dl>
          <p>
            <a class="btn btn-primary" href={casePath(app.id, '/ricevuta.pdf')} download>
              {t('downloadReceipt')}
            </a>
          </p>
          <h2 class="h4">{t('whatNext')}</h2>
          <p>{t('centreWhatNextBody')}</p>
          <p class="d-flex gap-4 flex-wrap">
            <a href={casePath(app.id)}>{t('centreOpen', { protocol: r.protocolNumber })}</a>
            <a href={CENTRE_HOME}>{t('centreBack')}</a>
          </p>
        </>,
      ),
    };
  };

  return [
    {
      method: 'GET',
      url: `${CENTRE_HOME}/nuova/:slug`,
      policy: CAV,
      handler: async (ctx) => {
        const slug = (ctx.req.params as { slug: string }).slug;
        const measure = await centreMeasureBy(s.catalog, (m) => m.slug === slug);
        return dataPage(ctx, { measure, id: null, values: {}, errors: {} });
      },
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/nuova/:slug`,
      policy: CAV,
      handler: async (ctx) => {
        const slug = (ctx.req.params as { slug: string }).slug;
        const measure = await centreMeasureBy(s.catalog, (m) => m.slug === slug);
        const parsed = read(ctx, measure);
        if (!parsed.data) return dataPage(ctx, { measure, id: null, values: ctx.form, errors: parsed.errors }, 400);
        try {
          const draft = await s.intake.createDraft(ctx.session!.principal!, measure.code, parsed.data);
          return { redirect: afterSave(ctx, draft.id) };
        } catch (error) {
          const { fields, status } = refusal(ctx, error);
          return dataPage(ctx, { measure, id: null, values: ctx.form, errors: fields }, status);
        }
      },
    },
    {
      method: 'GET',
      url: `${CENTRE_HOME}/pratiche/:id/dati`,
      policy: CAV,
      handler: async (ctx) => {
        const found = await draftOnly(ctx);
        if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
        const { app, measure } = found;
        return dataPage(ctx, {
          measure,
          id: app.id,
          values: valuesOf(centreForm(measure), app.data),
          errors: {},
          version: app.version,
          notice: ctx.query.salvata === '1' ? 'centreDataSaved' : undefined,
        });
      },
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/dati`,
      policy: CAV,
      handler: async (ctx) => {
        const { app, measure } = await centreCase(s, ctx);
        const version = Number(ctx.form._version);
        const base = { measure, id: app.id, version, values: ctx.form };
        const parsed = read(ctx, measure);
        if (!parsed.data) return dataPage(ctx, { ...base, errors: parsed.errors }, 400);
        try {
          await s.intake.updateDraft(ctx.session!.principal!, app.id, version, parsed.data);
          return { redirect: afterSave(ctx, app.id) };
        } catch (error) {
          const { fields, status } = refusal(ctx, error);
          return dataPage(ctx, { ...base, errors: fields }, status);
        }
      },
    },
    {
      method: 'GET',
      url: `${CENTRE_HOME}/pratiche/:id/documenti`,
      policy: CAV,
      handler: (ctx) => documentsPage(ctx, null),
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/documenti`,
      policy: CAV,
      multipart: true,
      handler: async (ctx) => {
        const { t } = ctx;
        const { app } = await centreCase(s, ctx);
        const doc = ctx.form.requiredDocumentId ?? '';
        if (ctx.uploadTooLarge) {
          const mib = (s.appConfig.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(0);
          return documentsPage(ctx, { doc, message: t('fileTooLarge', { mib }) }, 413);
        }
        if (!ctx.upload || ctx.upload.bytes.length === 0) {
          return documentsPage(ctx, { doc, message: t('fileMissing') }, 400);
        }
        try {
          await s.documents.upload(ctx.session!.principal!, app.id, doc, ctx.upload.name, ctx.upload.bytes);
        } catch (error) {
          if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
          return documentsPage(ctx, { doc, message: error.detail[ctx.lang] }, ERROR_CATALOG[error.code].status);
        }
        return { redirect: stepPath(app.id, 'documents') };
      },
    },
    {
      method: 'GET',
      url: `${CENTRE_HOME}/pratiche/:id/riepilogo`,
      policy: CAV,
      handler: (ctx) => summaryPage(ctx, []),
    },
    {
      method: 'POST',
      url: `${CENTRE_HOME}/pratiche/:id/invia`,
      policy: CAV,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw notFound();
        const key = ctx.form._key ?? '';
        if (!KEY.test(key)) return summaryPage(ctx, [{ anchor: 'submit-form', message: ctx.t('csrfBody') }], 400);
        try {
          // A retry under the same key (a double click) answers the receipt registered the first time.
          await s.intake.submit(ctx.session!.principal!, id, key);
        } catch (error) {
          if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
          const fields = (error.extra.errors ?? []).map((e) => ({
            anchor: 'submit-form',
            message: `${e.field.replace(/^data\./, '')}: ${e.messages.join('; ')}`,
          }));
          return summaryPage(
            ctx,
            [{ anchor: 'submit-form', message: error.detail[ctx.lang] }, ...fields],
            ERROR_CATALOG[error.code].status,
          );
        }
        return { redirect: casePath(id, '/ricevuta') };
      },
    },
    { method: 'GET', url: `${CENTRE_HOME}/pratiche/:id/ricevuta`, policy: CAV, handler: confirmationPage },
    {
      method: 'GET',
      url: `${CENTRE_HOME}/pratiche/:id/ricevuta.pdf`,
      policy: CAV,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw notFound();
        const { pdf, protocolNumber } = await s.receipts.receiptPdf(ctx.session!.principal!, id);
        return { file: pdf, type: 'application/pdf', name: `ricevuta-${protocolNumber}.pdf` };
      },
    },
  ];
}
