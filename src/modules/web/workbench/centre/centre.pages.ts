import type { PageRoute } from '../../page.js';
import type { PortalServices } from '../../portal-services.js';
import { centreCasePages } from './centre-case.pages.js';
import { centreDraftPages } from './centre-draft.pages.js';
import { centreListPages } from './centre-list.pages.js';
import { centreSubmissionPages } from './centre-submission.pages.js';

/** Every page of the centre operator's section of the workbench (`/lavoro/centro`, CAV_OPERATOR). */
export const centrePages = (s: PortalServices): PageRoute[] => [
  ...centreListPages(s),
  ...centreCasePages(s),
  ...centreDraftPages(s),
  ...centreSubmissionPages(s),
];
