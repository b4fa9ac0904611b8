import type { ComponentChildren } from 'preact';
import { Role } from '../../../common/access/role.js';
import type { MessageKey } from '../i18n/messages.js';
import { Layout, type Chrome, type Crumb } from '../layout/layout.js';

/** The workbench's sections, each for the roles that work in it. */
export type WorkbenchSection = 'queue' | 'bulk' | 'manager' | 'centre';

const SECTIONS: readonly { id: WorkbenchSection; href: string; label: MessageKey; roles: readonly Role[] }[] = [
  { id: 'queue', href: '/lavoro', label: 'navQueue', roles: [Role.OPERATOR, Role.MANAGER] },
  { id: 'bulk', href: '/lavoro/operazioni', label: 'navBulk', roles: [Role.OPERATOR, Role.MANAGER] },
  { id: 'manager', href: '/lavoro/gestione', label: 'navManager', roles: [Role.MANAGER] },
  { id: 'centre', href: '/lavoro/centro', label: 'navCentre', roles: [Role.CAV_OPERATOR] },
];

export interface WorkbenchLayoutProps {
  chrome: Chrome;
  title: string;
  /** The signed-in staff member's roles: the navigation shows only their sections. */
  roles: readonly Role[];
  section: WorkbenchSection;
  crumbs?: readonly Crumb[];
  script?: string;
  /** Below the navigation in the sidebar (the queue's filters and counts). */
  aside?: ComponentChildren;
  children: ComponentChildren;
}

/** The portal's layout with the workbench's sidebar: its sections, then the page's own aside. */
export function WorkbenchLayout(p: WorkbenchLayoutProps) {
  const { t } = p.chrome;
  const sections = SECTIONS.filter((s) => s.roles.some((r) => p.roles.includes(r)));
  return (
    <Layout
      chrome={p.chrome}
      title={p.title}
      crumbs={[{ label: t('workbenchHome'), href: sections[0]?.href ?? '/lavoro' }, ...(p.crumbs ?? [])]}
      script={p.script}
    >
      <div class="row">
        <div class="col-12 col-lg-3 mb-4">
          <nav class="sidebar-wrapper" aria-label={t('workbenchNav')}>
            <ul class="link-list">
              {sections.map((s) => (
                <li>
                  <a
                    class={`list-item${s.id === p.section ? ' active' : ''}`}
                    href={s.href}
                    aria-current={s.id === p.section ? 'page' : undefined}
                  >
                    <span>{t(s.label)}</span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {p.aside}
        </div>
        <div class="col-12 col-lg-9">{p.children}</div>
      </div>
    </Layout>
  );
}
