import type { AccessPolicy } from '../../../common/access/access-policy.js';
import { Role } from '../../../common/access/role.js';
import { NotificationsErrors } from '../../notifications/notifications.errors.js';
import { CsrfField } from '../components/form-controls.js';
import { formatDateTime } from '../format.js';
import { Layout } from '../layout/layout.js';
import type { PageRoute } from '../page.js';
import type { PortalServices } from '../portal-services.js';

const APPLICANT: AccessPolicy = { kind: 'roles', roles: [Role.APPLICANT] };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A message's body as paragraphs: the markdown's rule before the automatic footer is dropped. */
export const paragraphsOf = (body: string) =>
  body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^-{3,}\s*$/m, '').trim())
    .filter(Boolean);

/**
 * The in-app inbox: the messages NotificationsService wrote with each state change (the same
 * rows as GET /api/v1/inbox; their subject and body were rendered neutral for sealed measures),
 * newest first, and "mark as read" through the same service as POST /api/v1/inbox/:id/read
 * (another person's message is not found).
 */
export function inboxPages(s: PortalServices): PageRoute[] {
  return [
    {
      method: 'GET',
      url: '/area-personale/messaggi',
      policy: APPLICANT,
      handler: async (ctx) => {
        const { t, lang } = ctx;
        const principal = ctx.session!.principal!;
        const inbox = await s.notifications.inbox(principal, false);
        const csrf = (await ctx.ensureSession()).csrfToken;
        return {
          html: (
            <Layout
              chrome={ctx.chrome()}
              title={t('inboxTitle')}
              crumbs={[{ label: t('myArea'), href: '/area-personale' }, { label: t('inboxTitle') }]}
            >
              <h1>{t('inboxTitle')}</h1>
              <p>{t('inboxIntro')}</p>
              <p id="inbox-unread">{t('inboxUnread', { count: inbox.unread })}</p>
              {inbox.items.length === 0 ? (
                <p>{t('inboxEmpty')}</p>
              ) : (
                <ul class="list-unstyled" id="inbox">
                  {inbox.items.map((m) => (
                    <li key={m.id} class={m.read ? 'mb-4 pb-3 border-bottom' : 'mb-4 pb-3 border-bottom portal-unread'}>
                      <article aria-labelledby={`msg-${m.id}`}>
                        <h2 class="h5" id={`msg-${m.id}`}>
                          {m.read ? null : <span class="badge bg-primary me-2">{t('inboxNew')}</span>}
                          {m.subject}
                        </h2>
                        <p class="text-secondary mb-2">
                          {t('inboxReceived', { when: formatDateTime(m.createdAt.toISOString(), lang) })}
                        </p>
                        {paragraphsOf(m.body).map((p, i) => (
                          <p key={i}>{p}</p>
                        ))}
                        <div class="d-flex gap-3 flex-wrap align-items-center">
                          {m.applicationId ? (
                            <a href={`/domande/${m.applicationId}/stato`}>{t('inboxOpenCase')}</a>
                          ) : null}
                          {m.read ? null : (
                            <form method="post" action={`/area-personale/messaggi/${m.id}/letto`} class="m-0">
                              <CsrfField token={csrf} />
                              <button
                                type="submit"
                                class="btn btn-outline-primary btn-sm"
                                aria-label={t('inboxMarkReadOf', { subject: m.subject })}
                              >
                                {t('inboxMarkRead')}
                              </button>
                            </form>
                          )}
                        </div>
                      </article>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <a href="/area-personale">{t('myArea')}</a>
              </p>
            </Layout>
          ),
        };
      },
    },
    {
      method: 'POST',
      url: '/area-personale/messaggi/:id/letto',
      policy: APPLICANT,
      handler: async (ctx) => {
        const id = (ctx.req.params as { id: string }).id;
        if (!UUID.test(id)) throw NotificationsErrors.notFound();
        await s.notifications.markRead(ctx.session!.principal!, id);
        return { redirect: '/area-personale/messaggi' };
      },
    },
  ];
}
