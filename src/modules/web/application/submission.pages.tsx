import type { ComponentChildren } from 'preact';
import { AppError } from '../../../common/errors/app-error.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CsrfField, ErrorSummary, RadioGroup } from '../components/form-controls.js';
import type { Translate } from '../i18n/messages.js';
import type { Lang } from '../i18n/lang.js';
import { Layout } from '../layout/layout.js';
import { measureBySlug, pageTitleOf, slugFor, type PortalMeasure } from '../measure/portal-measures.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { enumLabel } from '../requirements-check/enum-labels.js';
import { kindOf, labelOf, type JsonSchemaNode } from '../schema-form/field-kind.js';
import { valuesOf } from '../schema-form/parse-form.js';
import { orderedProperties } from '../schema-form/schema-form.js';
import { DocumentUploads, receiveUpload, UPLOAD_SCRIPT } from './document-uploads.js';
import {
  draftStepOf,
  FilingDocuments,
  FilingSummary,
  ReceiptDetails,
  receiptPdfFile,
  submitFiling,
} from './filing-steps.js';
import { stepHref, StepsNav, type StepId } from './steps.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RATINGS = [1, 2, 3, 4, 5] as const;

/** Each answer of the form, labelled by the schema's titles ("Figli n. 1 – Codice fiscale"), in plain words. */
export function summaryRows(
  schema: JsonSchemaNode,
  data: Readonly<Record<string, unknown>>,
  lang: Lang,
  t: Translate,
): { label: string; value: string }[] {
  const order = orderedProperties(schema).map(([k]) => k);
  const rank = (path: string) => order.indexOf(path.split('.')[0]);
  const entries = Object.entries(valuesOf(schema, data)).sort((a, b) => rank(a[0]) - rank(b[0]));
  return entries.map(([path, raw]) => {
    let node: JsonSchemaNode = schema;
    const labels: string[] = [];
    for (const part of path.split('.')) {
      if (/^\d+$/.test(part)) {
        labels[labels.length - 1] = t('itemNumber', { title: labels[labels.length - 1], n: Number(part) + 1 });
        node = (node.items ?? {}) as JsonSchemaNode;
        continue;
      }
      node = ((node.properties ?? {}) as Record<string, JsonSchemaNode>)[part] ?? {};
      labels.push(labelOf(part, node, lang));
    }
    const kind = kindOf(node);
    const value =
      kind === 'boolean'
        ? t(raw === 'true' ? 'yes' : 'no')
        : kind === 'choice'
          ? enumLabel(raw, lang)
          : kind === 'euro'
            ? `${raw} €`
            : raw;
    return { label: labels.join(' – '), value };
  });
}

/**
 * The application's last steps: documents (a file input per required document, posted as
 * multipart, so no script is needed), the one-page summary declared under DPR 445/2000,
 * "Conferma e invia" through IntakeService.submit with an idempotency key carried by the form
 * (a double click registers one application), and the confirmation with the receipt PDF.
 */
export function submissionPages(s: PortalServices): PageRoute[] {
  const caseOf = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const app = await s.cases.get(ctx.session!.principal!, id);
    return { app, measure: await measureBySlug(s.catalog, slugFor(app.measureCode, app.sealed)) };
  };
  const frame = (
    ctx: PageContext,
    m: PortalMeasure,
    id: string,
    step: StepId | null,
    pageTitle: string,
    children: ComponentChildren,
    errors: { anchor: string; message: string }[] = [],
    script?: string,
  ) => {
    const { t, lang } = ctx;
    return (
      <Layout
        chrome={ctx.chrome()}
        script={script}
        title={`${pageTitle} – ${t('applicationTitle')} – ${pageTitleOf(m, lang, t('sealedTitle'))}`}
        crumbs={[
          { label: m.definition.title[lang], href: `/misure/${m.slug}` },
          ...(step ? [{ label: t('applicationTitle'), href: stepHref(id, 'who') }] : []),
          { label: pageTitle },
        ]}
      >
        <ErrorSummary title={t('errorSummaryTitle')} errors={errors} />
        {step ? <StepsNav t={t} current={step} id={id} /> : null}
        <h1>
          {pageTitle}: {m.definition.title[lang]}
        </h1>
        {children}
      </Layout>
    );
  };

  const documentsPage = async (
    ctx: PageContext,
    error: { doc: string; message: string } | null,
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const found = await caseOf(ctx);
    const step = await draftStepOf(s, ctx, found.app.status === 'DRAFT' ? found : null);
    if (!step) return { redirect: `/domande/${found.app.id}/ricevuta` };
    const { app, measure, csrf, uploaded } = step;
    return {
      status,
      html: frame(
        ctx,
        measure,
        app.id,
        'documents',
        t('stepDocuments'),
        <FilingDocuments t={t} maxBytes={s.appConfig.DOCUMENT_MAX_BYTES} next={stepHref(app.id, 'summary')}>
          <DocumentUploads
            t={t}
            lang={lang}
            action={`/domande/${app.id}/documenti`}
            csrf={csrf}
            documents={measure.definition.requiredDocuments}
            uploaded={uploaded}
            error={error}
            maxBytes={s.appConfig.DOCUMENT_MAX_BYTES}
            level={2}
          />
        </FilingDocuments>,
        error ? [{ anchor: `f-file-${error.doc}`, message: error.message }] : [],
        UPLOAD_SCRIPT,
      ),
    };
  };

  const summaryPage = async (
    ctx: PageContext,
    errors: { anchor: string; message: string }[],
    status = 200,
  ): Promise<PageResult> => {
    const { t, lang } = ctx;
    const found = await caseOf(ctx);
    const step = await draftStepOf(s, ctx, found.app.status === 'DRAFT' ? found : null);
    if (!step) return { redirect: `/domande/${found.app.id}/ricevuta` };
    const { app, measure, csrf, uploaded } = step;
    return {
      status,
      html: frame(
        ctx,
        measure,
        app.id,
        'summary',
        t('stepSummary'),
        <>
          <FilingSummary
            t={t}
            lang={lang}
            csrf={csrf}
            rows={summaryRows(measure.definition.formSchema, app.data, lang, t)}
            uploaded={uploaded}
            texts={{
              intro: t('summaryIntro'),
              dataHeading: t('summaryData'),
              declaration: t('dpr445'),
              send: t('confirmAndSend'),
            }}
            hrefs={{
              data: stepHref(app.id, 'data'),
              documents: stepHref(app.id, 'documents'),
              submit: `/domande/${app.id}/invia`,
            }}
          />
          <p class="mt-4">
            <a href={`/domande/${app.id}/elimina`}>{t('discardLink')}</a>
          </p>
        </>,
        errors,
      ),
    };
  };

  const confirmationPage = async (ctx: PageContext, ratingError: string | null, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const { app, measure } = await caseOf(ctx);
    const { receipt: r } = await s.receipts.receipt(ctx.session!.principal!, app.id);
    const rated = await s.ratings.rated(app.id);
    const csrf = (await ctx.ensureSession()).csrfToken;
    return {
      status,
      html: frame(
        ctx,
        measure,
        app.id,
        null,
        t('confirmationTitle'),
        <>
          <div class="alert alert-success" role="status">
            {t('submittedNotice')}
          </div>
          <ReceiptDetails t={t} lang={lang} receipt={r} officerNotYet={t('officerNotYet')} office />
          <p>
            <a class="btn btn-primary" href={`/domande/${app.id}/ricevuta.pdf`} download>
              {t('downloadReceipt')}
            </a>
          </p>
          <h2 class="h4">{t('whatNext')}</h2>
          <p>{t('whatNextBody')}</p>
          {rated ? (
            <p role="status" class="alert alert-success">
              {t('ratingThanks')}
            </p>
          ) : (
            <form method="post" action={`/domande/${app.id}/valutazione`} id="rating-form" novalidate>
              <CsrfField token={csrf} />
              <RadioGroup
                name="rating"
                legend={t('ratingQuestion')}
                hint={t('ratingHint')}
                error={ratingError ?? undefined}
                options={RATINGS.map((n) => ({ value: String(n), label: t(`rating${n}`) }))}
              />
              <button type="submit" class="btn btn-outline-primary">
                {t('ratingButton')}
              </button>
            </form>
          )}
          <p>
            <a href="/area-personale">{t('myArea')}</a>
          </p>
        </>,
      ),
    };
  };

  return [
    { method: 'GET', url: '/domande/:id/documenti', policy: APPLICANT, handler: (ctx) => documentsPage(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/documenti',
      policy: APPLICANT,
      multipart: true,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        const refused = await receiveUpload(s, ctx, id);
        if (refused) return documentsPage(ctx, refused, refused.status);
        return { redirect: `/domande/${id}/documenti` };
      },
    },
    { method: 'GET', url: '/domande/:id/riepilogo', policy: APPLICANT, handler: (ctx) => summaryPage(ctx, []) },
    {
      method: 'POST',
      url: '/domande/:id/invia',
      policy: APPLICANT,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
        return submitFiling(
          s,
          ctx,
          id,
          (errors, status) => summaryPage(ctx, errors, status),
          `/domande/${id}/ricevuta`,
        );
      },
    },
    { method: 'GET', url: '/domande/:id/ricevuta', policy: APPLICANT, handler: (ctx) => confirmationPage(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/valutazione',
      policy: APPLICANT,
      handler: async (ctx) => {
        const rating = Number(ctx.form.rating);
        if (!RATINGS.includes(rating as (typeof RATINGS)[number])) {
          return confirmationPage(ctx, ctx.t('ratingRequired'), 400);
        }
        const { app } = await caseOf(ctx);
        // Its own, registered application only (the receipt read refuses drafts and others' cases).
        await s.receipts.receipt(ctx.session!.principal!, app.id);
        await s.ratings.record(app.id, app.measureCode, rating);
        return { redirect: `/domande/${app.id}/ricevuta` };
      },
    },
    {
      method: 'GET',
      url: '/domande/:id/ricevuta.pdf',
      policy: APPLICANT,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
        return receiptPdfFile(s, ctx, id);
      },
    },
  ];
}
