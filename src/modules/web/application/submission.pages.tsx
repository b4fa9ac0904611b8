import { randomUUID } from 'node:crypto';
import { Fragment, type ComponentChildren } from 'preact';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { CsrfField, ErrorSummary, RadioGroup } from '../components/form-controls.js';
import { formatDate, formatInstant } from '../format.js';
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
import { stepHref, StepsNav, type StepId } from './steps.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const KEY = /^[0-9a-f-]{36}$/;
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
    const { app, measure } = await caseOf(ctx);
    if (app.status !== 'DRAFT') return { redirect: `/domande/${app.id}/ricevuta` };
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const mib = (s.appConfig.DOCUMENT_MAX_BYTES / 1_048_576).toFixed(0);
    return {
      status,
      html: frame(
        ctx,
        measure,
        app.id,
        'documents',
        t('stepDocuments'),
        <>
          <p>{t('documentsIntro', { mib })}</p>
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
          <p>
            <a class="btn btn-primary" href={stepHref(app.id, 'summary')}>
              {t('continue')}
            </a>
          </p>
        </>,
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
    const { app, measure } = await caseOf(ctx);
    if (app.status !== 'DRAFT') return { redirect: `/domande/${app.id}/ricevuta` };
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const rows = summaryRows(measure.definition.formSchema, app.data, lang, t);
    return {
      status,
      html: frame(
        ctx,
        measure,
        app.id,
        'summary',
        t('stepSummary'),
        <>
          <p>{t('summaryIntro')}</p>
          <h2 class="h4">{t('summaryData')}</h2>
          <dl class="row" lang={lang === 'en' ? 'it' : undefined}>
            {rows.map((r) => (
              <Fragment key={r.label}>
                <dt class="col-sm-5">{r.label}</dt>
                <dd class="col-sm-7">{r.value}</dd>
              </Fragment>
            ))}
          </dl>
          <p>
            <a href={stepHref(app.id, 'data')}>{t('editData')}</a>
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
            <a href={stepHref(app.id, 'documents')}>{t('editDocuments')}</a>
          </p>
          <div class="alert alert-info" role="note">
            {t('dpr445')}
          </div>
          <form method="post" action={`/domande/${app.id}/invia`} id="submit-form" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="_key" value={randomUUID()} />
            <button type="submit" class="btn btn-primary btn-lg">
              {t('confirmAndSend')}
            </button>
          </form>
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
            <dt class="col-sm-4">{t('office')}</dt>
            <dd class="col-sm-8">{r.office[lang]}</dd>
            <dt class="col-sm-4">{t('officer')}</dt>
            <dd class="col-sm-8">{r.officerInCharge ?? t('officerNotYet')}</dd>
          </dl>
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
        const key = ctx.form._key ?? '';
        if (!KEY.test(key)) return summaryPage(ctx, [{ anchor: 'submit-form', message: ctx.t('csrfBody') }], 400);
        try {
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
        return { redirect: `/domande/${id}/ricevuta` };
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
        const { pdf, protocolNumber } = await s.receipts.receiptPdf(ctx.session!.principal!, id);
        return { file: pdf, type: 'application/pdf', name: `ricevuta-${protocolNumber}.pdf` };
      },
    },
  ];
}
