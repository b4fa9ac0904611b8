import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import type { Lang } from '../i18n/lang.js';
import type { MessageKey, Translate } from '../i18n/messages.js';
import { Layout } from '../layout/layout.js';
import type { PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';
import type { RatingFigure } from '../rating/experience-rating.service.js';

const ADMIN: AccessPolicy = { kind: 'roles', roles: [Role.ADMIN] };

const numberIn = (lang: Lang, n: number, digits = 2) =>
  new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: digits }).format(n);

/**
 * One measure's figure: a table of the five ratings with their counts and shares, each row
 * with its bar drawn as SVG attributes (no style, so the strict CSP holds; hidden from screen
 * readers, which read the same numbers in the cells).
 */
function RatingTable({ f, t, lang }: { f: RatingFigure; t: Translate; lang: Lang }) {
  const title = f.title[lang];
  return (
    <section class="mb-5" aria-labelledby={`r-${f.measureCode}`}>
      <h2 class="h4" id={`r-${f.measureCode}`}>
        {title}
      </h2>
      <p>
        {t('ratingsAnswers', { count: f.answers })}
        {f.mean !== null ? ` · ${t('ratingsMean', { mean: numberIn(lang, f.mean) })}` : ''}
      </p>
      {f.answers === 0 ? (
        <p class="text-secondary">{t('ratingsNone')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table">
            <caption class="visually-hidden">{t('ratingsCaption', { title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ratingsColRating')}</th>
                <th scope="col" class="text-end">
                  {t('ratingsColAnswers')}
                </th>
                <th scope="col" class="text-end">
                  {t('ratingsColShare')}
                </th>
                <th scope="col" class="w-50">
                  <span class="visually-hidden">{t('ratingsColBar')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...f.distribution].reverse().map((d) => {
                const share = (d.answers / f.answers) * 100;
                return (
                  <tr>
                    <th scope="row">
                      {d.rating} · {t(`rating${d.rating}` as MessageKey)}
                    </th>
                    <td class="text-end">{numberIn(lang, d.answers, 0)}</td>
                    <td class="text-end">{numberIn(lang, share, 0)}%</td>
                    <td>
                      <svg
                        class="text-primary"
                        width="100%"
                        height="16"
                        viewBox="0 0 100 16"
                        preserveAspectRatio="none"
                        aria-hidden="true"
                        focusable="false"
                      >
                        <rect x="0" y="2" width="100" height="12" fill="#e6e9f2" />
                        <rect x="0" y="2" width={share.toFixed(2)} height="12" fill="currentColor" />
                      </svg>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** ADMIN: the confirmation page's rating as a figure per measure (the same as GET /api/v1/admin/ratings). */
export function adminRatingsPages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/amministrazione/valutazioni',
      policy: ADMIN,
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const figures = await s.ratings.figures();
        return {
          html: (
            <Layout chrome={ctx.chrome()} title={t('ratingsTitle')} crumbs={[{ label: t('ratingsTitle') }]}>
              <h1>{t('ratingsTitle')}</h1>
              <p>{t('ratingsIntro', { question: t('ratingQuestion') })}</p>
              {figures.length ? (
                figures.map((f) => <RatingTable f={f} t={t} lang={lang} />)
              ) : (
                <p>{t('ratingsNoMeasures')}</p>
              )}
            </Layout>
          ),
        };
      },
    },
  ];
}
