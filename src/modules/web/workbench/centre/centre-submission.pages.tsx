import { DocumentUploads, receiveUpload } from '../../application/document-uploads.js';
import {
  draftStepOf,
  FilingDocuments,
  FilingSummary,
  ReceiptDetails,
  receiptPdfFile,
  submitFiling,
} from '../../application/filing-steps.js';
import { summaryRows } from '../../application/submission.pages.js';
import type { PageContext, PageResult, PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { CAV, centreCase, centreForm, centreFrame, draftCase, notFound, UUID, type Errors } from './centre-frame.js';
import { CENTRE_HOME, casePath, stepPath } from './centre-steps.js';

/**
 * The last steps of filing: documents (DocumentsService, its type and size checks; a plain
 * multipart form, no script needed), the summary with "Conferma e invia" (IntakeService.submit
 * with an idempotency key carried by the form: a double click registers one case), then the
 * confirmation with protocol number and receipt (ReceiptsService, as the API's).
 */
export function centreSubmissionPages(s: PortalServices): PageRoute[] {
  const documentsPage = async (ctx: PageContext, error: { doc: string; message: string } | null, status = 200) => {
    const { t, lang } = ctx;
    const step = await draftStepOf(s, ctx, await draftCase(s, ctx));
    if (!step) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure, csrf, uploaded } = step;
    return {
      status,
      html: centreFrame(
        ctx,
        t('stepDocuments'),
        'documents',
        app.id,
        <FilingDocuments t={t} maxBytes={s.appConfig.DOCUMENT_MAX_BYTES} next={stepPath(app.id, 'summary')}>
          <DocumentUploads
            t={t}
            lang={lang}
            action={stepPath(app.id, 'documents')}
            csrf={csrf}
            documents={measure.definition.requiredDocuments}
            uploaded={uploaded}
            error={error}
            maxBytes={s.appConfig.DOCUMENT_MAX_BYTES}
            level={2}
            neutral
          />
        </FilingDocuments>,
        error ? [{ anchor: `f-file-${error.doc}`, message: error.message }] : [],
      ),
    };
  };

  const summaryPage = async (ctx: PageContext, errors: Errors, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const step = await draftStepOf(s, ctx, await draftCase(s, ctx));
    if (!step) return { redirect: casePath((ctx.req.params as { id: string }).id) };
    const { app, measure, csrf, uploaded } = step;
    return {
      status,
      html: centreFrame(
        ctx,
        t('stepSummary'),
        'summary',
        app.id,
        <FilingSummary
          t={t}
          lang={lang}
          csrf={csrf}
          rows={summaryRows(centreForm(measure), app.data, lang, t)}
          uploaded={uploaded}
          texts={{
            intro: t('centreSummaryIntro'),
            dataHeading: t('centreSummaryData'),
            declaration: t('centreDeclaration'),
            send: t('centreSend'),
          }}
          hrefs={{
            data: stepPath(app.id, 'data'),
            documents: stepPath(app.id, 'documents'),
            submit: casePath(app.id, '/invia'),
          }}
        />,
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
          <ReceiptDetails t={t} lang={lang} receipt={r} officerNotYet={t('centreOfficerNotYet')} office={false} />
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
        const app = await centreCase(s, ctx);
        const refused = await receiveUpload(s, ctx, app.id);
        if (refused) return documentsPage(ctx, refused, refused.status);
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
        return submitFiling(
          s,
          ctx,
          id,
          (errors, status) => summaryPage(ctx, errors, status),
          casePath(id, '/ricevuta'),
        );
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
        return receiptPdfFile(s, ctx, id);
      },
    },
  ];
}
