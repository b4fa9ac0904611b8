import { randomUUID } from 'node:crypto';
import { Fragment } from 'preact';
import { AppError } from '../../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../../common/errors/error-catalog.js';
import { summaryRows } from '../../application/submission.pages.js';
import { CsrfField } from '../../components/form-controls.js';
import { formatDate, formatInstant } from '../../format.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { CAV, centreCase, centreForm, centreFrame, draftCase, notFound, UUID, type Errors } from './centre-frame.js';
import { CENTRE_HOME, casePath, stepPath } from './centre-steps.js';

const KEY = /^[0-9a-f-]{36}$/;

/**
 * The last steps of filing: documents (DocumentsService, its type and size checks; a plain
 * multipart form, no script needed), the summary with "Conferma e invia" (IntakeService.submit
 * with an idempotency key carried by the form: a double click registers one case), then the
 * confirmation with protocol number and receipt (ReceiptsService, as the API's).
 */
export function centreSubmissionPages(s: PortalServices): PageRoute[] {
  const documentsPage = async (ctx: PageContext, error: { doc: string; message: string } | null, status = 200) => {
    const { t, lang } = ctx;
    const found = await draftCase(s, ctx);
    if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure } = found;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const mib = (s.appConfig.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(0);
    return {
      status,
      html: centreFrame(
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
    const found = await draftCase(s, ctx);
    if (!found) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure } = found;
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const rows = summaryRows(centreForm(measure), app.data, lang, t);
    return {
      status,
      html: centreFrame(
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
    const app = await centreCase(s, ctx);
    const { receipt: r } = await s.receipts.receipt(ctx.session!.principal!, app.id);
    return {
      html: centreFrame(
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
        const app = await centreCase(s, ctx);
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
