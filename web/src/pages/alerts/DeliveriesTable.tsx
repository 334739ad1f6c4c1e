import type { Delivery } from '@eventscope/shared';
import { RelativeTime } from '../../components/RelativeTime';

const STATUS = {
  pending: { role: 'warn', tip: 'Not delivered yet: retrying with backoff' },
  delivered: { role: 'ok', tip: 'The receiver answered 2xx' },
  failed: { role: 'crit', tip: 'The receiver refused it; not retried' },
  dead: { role: 'crit', tip: 'Gave up after the last retry' },
} as const;

/** The outbox for one notifier, newest first: what was sent, how often, what came back. */
export function DeliveriesTable({
  deliveries,
  highlight,
}: {
  deliveries: readonly Delivery[];
  /** A delivery just queued by "Send test". */
  highlight?: string;
}) {
  const rows = [...deliveries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  return (
    <table className="table" aria-label="Deliveries">
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Kind</th>
          <th scope="col" className="cell-num">
            Alerts
          </th>
          <th scope="col">Status</th>
          <th scope="col" className="cell-num">
            Attempts
          </th>
          <th scope="col">Last answer</th>
          <th scope="col">Next attempt</th>
          <th scope="col">webhook-id</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => {
          const status = STATUS[d.status];
          return (
            <tr key={d.id} aria-current={d.id === highlight ? 'true' : undefined}>
              <td>
                <RelativeTime at={d.createdAt} />
              </td>
              <td>{d.kind}</td>
              <td className="cell-num num">{d.alerts}</td>
              <td>
                <span
                  className={`badge role-${status.role}`}
                  title={
                    d.deliveredAt
                      ? `${status.tip} (${new Date(d.deliveredAt).toISOString()})`
                      : status.tip
                  }
                >
                  {d.status}
                </span>
              </td>
              <td className="cell-num num">{d.attempts}</td>
              <td className="cell-wrap">
                {d.lastStatusCode !== null ? (
                  <span className="num">HTTP {d.lastStatusCode}</span>
                ) : null}
                {d.lastStatusCode !== null && d.lastError ? ' · ' : null}
                {d.lastError ? <span className="text-crit">{d.lastError}</span> : null}
                {d.lastStatusCode === null && !d.lastError ? (
                  <span className="muted">—</span>
                ) : null}
              </td>
              <td>
                {d.nextAttemptAt ? (
                  <RelativeTime at={d.nextAttemptAt} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="mono cell-clip" title={d.webhookId}>
                {d.webhookId}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
