import type { NotifierType } from '@eventscope/shared';
import { alertmanagerPayload } from './alertmanager';
import type { NotificationContext } from './context';
import { pagerDutyPayload } from './pagerduty';
import { slackPayload } from './slack';

export { alertmanagerPayload, maxAlertsPerMessage } from './alertmanager';
export { slackPayload } from './slack';
export { dedupKeyOf, pagerDutyEventsUrl, pagerDutyPayload } from './pagerduty';
export { dashboardLink, type NotificationContext } from './context';

/** The exact JSON body sent (and signed) for a notifier type. */
export function renderBody(type: NotifierType, ctx: NotificationContext): string {
  switch (type) {
    case 'webhook':
      return JSON.stringify(alertmanagerPayload(ctx));
    case 'slack':
      return JSON.stringify(slackPayload(ctx));
    case 'pagerduty':
      return JSON.stringify(pagerDutyPayload(ctx));
  }
}
