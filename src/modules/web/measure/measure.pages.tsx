import { formatCents } from '../../measures/domain/index.js';
import { formatDateTime } from '../format.js';
import { Layout } from '../layout/layout.js';
import type { PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import { describeBenefit } from './benefit-text.js';
import { measureBySlug, pageTitleOf } from './portal-measures.js';

/** The measure's information page (Designers Italia "scheda servizio"), all from its definition. */
export function measurePages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/misure/:slug',
      policy: { kind: 'public' },
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const m = await measureBySlug(s.catalog, (ctx.req.params as { slug: string }).slug);
        const d = m.definition;
        const title = d.title[lang];
        const kindKey = d.benefit.type === 'one_off' ? 'oneOff' : d.benefit.type === 'monthly' ? 'monthly' : 'inKind';
        return {
          html: (
            <Layout chrome={ctx.chrome()} title={pageTitleOf(m, lang, t('sealedTitle'))} crumbs={[{ label: title }]}>
              <h1>{title}</h1>
              <p>
                <span class={m.open ? 'badge bg-success' : 'badge bg-secondary'}>
                  {m.open ? t('openNow') : t('closedNow')}
                </span>{' '}
                {t(`procedure_${d.procedure.type}`)}
              </p>
              <div class="d-flex flex-wrap gap-2 mb-4">
                <a class="btn btn-outline-primary" href={`/misure/${m.slug}/verifica`}>
                  {t('checkRequirements')}
                </a>
              </div>

              <section aria-labelledby="who">
                <h2 id="who" class="h3">
                  {t('whoFor')}
                </h2>
                <p>{d.description[lang]}</p>
              </section>

              <section aria-labelledby="requirements">
                <h2 id="requirements" class="h3">
                  {t('requirements')}
                </h2>
                <ul>
                  {d.eligibility.map((r) => (
                    <li key={r.id}>
                      {r.text[lang]}
                      {r.kind === 'review' ? <em> ({t('requirementReview')})</em> : null}
                    </li>
                  ))}
                </ul>
              </section>

              <section aria-labelledby="amounts">
                <h2 id="amounts" class="h3">
                  {t('amounts')}
                </h2>
                <p>
                  <strong>{t(kindKey)}</strong>: {describeBenefit(d.benefit, lang)}.
                </p>
                <p>{t('amountDetail')}</p>
                <p>
                  {t('budget')}:{' '}
                  {d.budget.kind === 'money' ? formatCents(d.budget.totalCents, lang) : String(d.budget.units)}.{' '}
                  {d.budget.note[lang]}
                </p>
              </section>

              <section aria-labelledby="window">
                <h2 id="window" class="h3">
                  {t('window')}
                </h2>
                <p>
                  {t('windowFromTo', {
                    from: formatDateTime(m.window.opensAt, lang),
                    to: formatDateTime(m.window.closesAt, lang),
                  })}
                </p>
              </section>

              <section aria-labelledby="documents">
                <h2 id="documents" class="h3">
                  {t('documents')}
                </h2>
                {d.requiredDocuments.length === 0 ? (
                  <p>{t('documentsNone')}</p>
                ) : (
                  <ul>
                    {d.requiredDocuments.map((doc) => (
                      <li key={doc.id}>
                        {doc.name[lang]}
                        {doc.when ? <em> ({t('documentsWhen')})</em> : null}
                      </li>
                    ))}
                  </ul>
                )}
              </section>

              <section aria-labelledby="timeline">
                <h2 id="timeline" class="h3">
                  {t('timeline')}
                </h2>
                <ol>
                  <li>{t('timelineSubmit')}</li>
                  <li>{t('timelineReview')}</li>
                  {d.procedure.type === 'graduatoria' ? <li>{t('timelineRanking')}</li> : null}
                  <li>{t('timelineDecision', { days: d.procedure.deadlineDays })}</li>
                </ol>
              </section>

              <section aria-labelledby="legal">
                <h2 id="legal" class="h3">
                  {t('legalBasis')}
                </h2>
                <ul>
                  {d.legalBasis.map((l) => (
                    <li key={l.citation}>
                      {l.citation}: {l.title[lang]}
                    </li>
                  ))}
                </ul>
              </section>

              <section aria-labelledby="contacts">
                <h2 id="contacts" class="h3">
                  {t('contacts')}
                </h2>
                <p>
                  {t('managingBody')}: {d.managingBody[lang]}
                </p>
              </section>

              <section aria-labelledby="apply" class="mt-4">
                <h2 id="apply" class="h3">
                  {t('applyOnline')}
                </h2>
                <p>{m.open ? t('applyOpen') : t('applyClosed')}</p>
                {m.open ? (
                  <a class="btn btn-primary" href={`/misure/${m.slug}/domanda`}>
                    {t('applyOnline')}
                  </a>
                ) : null}
              </section>
            </Layout>
          ),
        };
      },
    },
  ];
}
