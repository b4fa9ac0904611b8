import { isDeepStrictEqual } from 'node:util';
import { AppError } from '../../../common/errors/app-error.js';
import { ERROR_CATALOG } from '../../../common/errors/error-catalog.js';
import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { protectedFields } from '../../applications/form-limits.js';
import { CsrfField, ErrorSummary, TextField } from '../components/form-controls.js';
import { Layout } from '../layout/layout.js';
import { pageTitleOf, type PortalMeasure } from '../measure/portal-measures.js';
import { caseMeasure } from './case-measure.js';
import type { PageContext, PageResult, PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { formErrorsOf, parseSchemaForm, valuesOf } from '../schema-form/parse-form.js';
import { SchemaFields } from '../schema-form/schema-form.js';
import { DocumentUploads, receiveUpload, UPLOAD_SCRIPT, type UploadRefusal } from './document-uploads.js';
import { pickFields } from './steps.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The fields an integration answer may correct: the form without identity, territory and server-set ones. */
export const correctableSchema = (m: PortalMeasure) => {
  const locked = protectedFields(m.definition);
  return pickFields(m.definition.formSchema, (k) => !locked.includes(k));
};

/** Only the top-level fields whose parsed value differs from the stored data: what the answer corrects. */
export function correctionsOf(
  parsed: Readonly<Record<string, unknown>>,
  stored: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parsed).filter(([k, v]) => !isDeepStrictEqual(v, stored[k])));
}

interface Refusal {
  upload?: Omit<UploadRefusal, 'status'>;
  /** Errors by field path ("answer", "iseeValue", "form" for a refusal that names none). */
  fields?: Record<string, string>;
  typed?: Readonly<Record<string, string>>;
}

/**
 * The answer to a soccorso istruttorio: the office's request, the documents it asks for (each
 * uploaded through DocumentsService.upload, which accepts them while the integration is
 * requested, with the same type and size checks as the documents step), the declared fields
 * that may be corrected (prefilled; only those changed are sent) and the message, all through
 * ReviewService.answerIntegration as POST /api/v1/applications/:id/integration-response does:
 * the whole data must still pass the form schema, and eligibility is re-evaluated there.
 */
export function integrationPages(s: PortalServices): PageRoute[] {
  const load = async (ctx: PageContext) => {
    const id = (ctx.req.params as { id: string }).id;
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    const app = await s.cases.get(ctx.session!.principal!, id);
    if (app.status === 'DRAFT') {
      throw new AppError('NOT_FOUND', { it: 'Domanda non trovata', en: 'Application not found' });
    }
    return { app, measure: await caseMeasure(s, app) };
  };
  const open = (app: { allowedActions: readonly string[] }) => app.allowedActions.includes('answer_integration');

  const page = async (ctx: PageContext, refusal: Refusal | null, status = 200): Promise<PageResult> => {
    const { t, lang } = ctx;
    const { app, measure } = await load(ctx);
    const title = measure.definition.title[lang];
    const chrome = {
      chrome: ctx.chrome(),
      title: `${t('integrationTitle')} – ${pageTitleOf(measure, lang, t('sealedTitle'))}`,
      crumbs: [
        { label: t('myArea'), href: '/area-personale' },
        { label: title, href: `/domande/${app.id}/stato` },
        { label: t('integrationTitle') },
      ],
    };
    if (!open(app)) {
      if (!refusal) return { redirect: `/domande/${app.id}/stato` };
      // Refused and no longer open (answered meanwhile, a replay): the reason, and the way back.
      const reasons = Object.values(refusal.fields ?? {}).map((message) => ({ anchor: 'back', message }));
      return {
        status,
        html: (
          <Layout {...chrome}>
            <ErrorSummary title={t('errorSummaryTitle')} errors={reasons} />
            <h1>{t('integrationTitle')}</h1>
            <p>
              <a id="back" href={`/domande/${app.id}/stato`}>
                {t('caseTitle')}
              </a>
            </p>
          </Layout>
        ),
      };
    }
    const csrf = (await ctx.ensureSession()).csrfToken;
    const uploaded = await s.documents.list(ctx.session!.principal!, app.id);
    const request = app.integrationRequest as { message?: string; days?: number } | null;
    const schema = correctableSchema(measure);
    const fields = refusal?.fields ?? {};
    const summary = [
      ...(refusal?.upload ? [{ anchor: `f-file-${refusal.upload.doc}`, message: refusal.upload.message }] : []),
      ...Object.entries(fields).map(([name, message]) => ({
        anchor: name === 'form' ? 'answer-form' : `f-${name.replace(/\./g, '-')}`,
        message,
      })),
    ];
    return {
      status,
      html: (
        <Layout {...chrome} script={UPLOAD_SCRIPT}>
          <ErrorSummary title={t('errorSummaryTitle')} errors={summary} />
          <h1>
            {t('integrationTitle')}: {title}
          </h1>
          <p>{t('integrationRequestIs')}</p>
          {request?.message ? (
            <blockquote class="blockquote" lang="it" id="integration-request">
              {request.message}
            </blockquote>
          ) : null}
          {request?.days ? <p>{t('integrationDays', { days: request.days })}</p> : null}
          <section aria-labelledby="documents-title" class="mt-4">
            <h2 class="h4" id="documents-title">
              {t('integrationDocuments')}
            </h2>
            <p>{t('integrationDocumentsIntro')}</p>
            <DocumentUploads
              t={t}
              lang={lang}
              action={`/domande/${app.id}/integrazione/documenti`}
              csrf={csrf}
              documents={measure.definition.requiredDocuments}
              uploaded={uploaded}
              error={refusal?.upload ?? null}
              maxBytes={s.appConfig.DOCUMENT_MAX_BYTES}
              level={3}
            />
          </section>
          <form method="post" action={`/domande/${app.id}/integrazione`} id="answer-form" novalidate>
            <CsrfField token={csrf} />
            <input type="hidden" name="_version" value={String(app.version)} />
            <section aria-labelledby="fields-title" class="mt-4">
              <h2 class="h4" id="fields-title">
                {t('integrationFields')}
              </h2>
              <p>{t('integrationFieldsIntro')}</p>
              <SchemaFields
                schema={schema}
                values={refusal?.typed ?? valuesOf(schema, app.data)}
                errors={fields}
                lang={lang}
                t={t}
              />
            </section>
            <TextField
              name="answer"
              label={t('answerMessage')}
              value={refusal?.typed?.answer}
              error={fields.answer}
              required
            />
            <button type="submit" class="btn btn-primary">
              {t('integrationSend')}
            </button>
          </form>
        </Layout>
      ),
    };
  };

  return [
    { method: 'GET', url: '/domande/:id/integrazione', policy: APPLICANT, handler: (ctx) => page(ctx, null) },
    {
      method: 'POST',
      url: '/domande/:id/integrazione/documenti',
      policy: APPLICANT,
      multipart: true,
      handler: async (ctx) => {
        const { app } = await load(ctx);
        const refused = await receiveUpload(s, ctx, app.id);
        if (refused) return page(ctx, { upload: refused }, refused.status);
        return { redirect: `/domande/${app.id}/integrazione` };
      },
    },
    {
      method: 'POST',
      url: '/domande/:id/integrazione',
      policy: APPLICANT,
      handler: async (ctx) => {
        const { app, measure } = await load(ctx);
        const message = (ctx.form.answer ?? '').trim();
        const { data, errors } = parseSchemaForm(correctableSchema(measure), ctx.form);
        const fields: Record<string, string> = Object.fromEntries(
          Object.entries(errors).map(([k, v]) => [k, ctx.t(v)]),
        );
        if (!message || message.length > 4000) fields.answer = ctx.t('required');
        if (Object.keys(fields).length) return page(ctx, { fields, typed: ctx.form }, 400);
        const corrections = correctionsOf(data, app.data);
        try {
          await s.review.answerIntegration(ctx.session!.principal!, app.id, {
            version: Number(ctx.form._version),
            message,
            ...(Object.keys(corrections).length ? { data: corrections } : {}),
          });
        } catch (error) {
          if (!(error instanceof AppError) || ERROR_CATALOG[error.code].status === 404) throw error;
          const named = formErrorsOf(error.extra.errors, ctx.t);
          return page(
            ctx,
            { fields: Object.keys(named).length ? named : { form: error.detail[ctx.lang] }, typed: ctx.form },
            ERROR_CATALOG[error.code].status,
          );
        }
        return { redirect: `/domande/${app.id}/stato` };
      },
    },
  ];
}
