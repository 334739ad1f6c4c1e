import type { AuditEntry } from '@eventscope/shared';
import { RelativeTime } from '../../components/RelativeTime';

const OUTCOMES = {
  success: { role: 'ok', tooltip: 'Done' },
  failure: { role: 'crit', tooltip: 'Tried and failed (see the reason on the target)' },
  denied: { role: 'warn', tooltip: 'Refused: not signed in or the role does not allow it' },
} as const;

function detailsTitle(entry: AuditEntry): string | undefined {
  return entry.details ? JSON.stringify(entry.details, null, 2) : undefined;
}

/** Newest first; one line per write, dense, details on hover. */
export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const outcome = OUTCOMES[entry.outcome];
          return (
            <tr key={entry.id}>
              <td>
                <RelativeTime at={entry.at} />
              </td>
              <td className="mono">{entry.actor}</td>
              <td className="mono">{entry.action}</td>
              <td className="mono cell-wrap" title={detailsTitle(entry)}>
                {entry.target}
              </td>
              <td>
                <span className={`badge role-${outcome.role}`} title={outcome.tooltip}>
                  {entry.outcome}
                </span>
              </td>
              <td className="mono muted">{entry.source ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
