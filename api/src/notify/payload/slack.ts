import type { GroupAlert } from '../grouping';
import {
  dashboardLink,
  statusOf,
  summaryOf,
  titleOf,
  truncate,
  type NotificationContext,
} from './context';

/** Slack allows 50 blocks per message; a page of alerts is plenty and stays readable. */
const maxAlertBlocks = 10;

/** Slack mrkdwn needs &, < and > escaped; everything else is literal. */
const escape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function alertBlock(ctx: NotificationContext, alert: GroupAlert) {
  const link = dashboardLink(ctx.publicUrl, alert.path);
  const labels = Object.entries(alert.labels)
    .filter(([name]) => name !== 'alertname')
    .map(([name, value]) => `\`${escape(name)}=${escape(value)}\``)
    .join(' ');
  const state = alert.status === 'firing' ? alert.severity : 'resolved';
  const description = alert.annotations.description
    ? `\n${escape(truncate(alert.annotations.description, 500))}`
    : '';
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `*<${link}|${escape(truncate(summaryOf(alert), 300))}>* (${state})${description}\n${labels}`,
        3000,
      ),
    },
  };
}

/** A Slack incoming-webhook message: a header, one section per alert with its deep link. */
export function slackPayload(ctx: NotificationContext) {
  const status = statusOf(ctx);
  const alerts = status === 'firing' ? ctx.firing : ctx.resolved;
  const shown = alerts.slice(0, maxAlertBlocks);
  const more = alerts.length - shown.length;
  const title = titleOf(ctx);
  const icon = status === 'firing' ? ':rotating_light:' : ':white_check_mark:';
  const alertsPage = dashboardLink(ctx.publicUrl, '/alerts');
  return {
    text: `${icon} ${title}`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: truncate(`${icon} ${title}`, 150), emoji: true },
      },
      ...shown.map((alert) => alertBlock(ctx, alert)),
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${more > 0 ? `…and ${more} more. ` : ''}<${alertsPage}|Open the alerts in Eventscope>`,
          },
        ],
      },
    ],
  };
}
