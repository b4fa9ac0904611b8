import type { PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { centreCasePages } from './centre-case.pages.js';
import { centreFilingPages } from './centre-filing.pages.js';

/** Every page of the centre operator's section of the workbench (`/lavoro/centro`, CAV_OPERATOR). */
export const centrePages = (s: PortalServices): PageRoute[] => [...centreCasePages(s), ...centreFilingPages(s)];
