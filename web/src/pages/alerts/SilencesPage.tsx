import type { Silence } from '@eventscope/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { RelativeTime } from '../../components/RelativeTime';
import { useCan } from '../../hooks/useSession';
import { matcherText } from '../../lib/alertMatch';
import { useExpireSilence, useSilences } from '../../hooks/useSilences';
import { SilenceDialog } from './SilenceDialog';
import { QueryTable } from '../../components/QueryTable';

const STATUS_ROLE = { active: 'muted', pending: 'warn', expired: 'unknown' } as const;
const STATUS_TIP = {
  active: 'Matching alerts are not notifying',
  pending: 'Starts later',
  expired: 'Ended; kept for the record',
} as const;

const GROUPS = [
  { status: 'active', title: 'Active' },
  { status: 'pending', title: 'Pending' },
  { status: 'expired', title: 'Expired' },
] as const;

function SilenceTable({
  label,
  silences,
  onExpire,
}: {
  label: string;
  silences: readonly Silence[];
  onExpire?: (s: Silence) => void;
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Matchers</th>
          <th scope="col">Starts</th>
          <th scope="col">Ends</th>
          <th scope="col">Created by</th>
          <th scope="col">Comment</th>
          {onExpire ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {silences.map((s) => (
          <tr key={s.id}>
            <td>
              <span className={`badge role-${STATUS_ROLE[s.status]}`} title={STATUS_TIP[s.status]}>
                {s.status}
              </span>
            </td>
            <td>
              <span className="label-chips">
                {s.matchers.map((m, i) => (
                  <span key={i} className="label-chip mono">
                    {matcherText(m)}
                  </span>
                ))}
              </span>
            </td>
            <td>
              <RelativeTime at={s.startsAt} />
            </td>
            <td>
              <RelativeTime at={s.endsAt} />
            </td>
            <td className="mono">{s.createdBy}</td>
            <td className="cell-wrap">{s.comment}</td>
            {onExpire ? (
              <td className="cell-actions">
                {s.status === 'expired' ? null : (
                  <button
                    type="button"
                    className="btn btn-quiet btn-danger-text"
                    aria-label={`Expire silence ${s.matchers.map(matcherText).join(', ')}`}
                    onClick={() => onExpire(s)}
                  >
                    Expire
                  </button>
                )}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Active, pending and expired silences; operators create and expire them. */
export function SilencesPage() {
  const silences = useSilences();
  const canAct = useCan('operator');
  const expire = useExpireSilence();
  const [target, setTarget] = useState<Silence | null>(null);
  const [creating, setCreating] = useState(false);

  const close = () => {
    expire.reset();
    setTarget(null);
  };

  const body = (
    <QueryTable
      query={silences}
      loading="Loading silences"
      error="Cannot load silences"
      empty={
        <EmptyState title="No silences">
          A silence stops notifications for the alerts it matches until it ends. Silence an alert
          from its row on the Alerts tab, or create one here.
        </EmptyState>
      }
    >
      {(all) =>
        GROUPS.map((g) => {
          const rows = all
            .filter((s) => s.status === g.status)
            .sort((a, b) => Date.parse(b.endsAt) - Date.parse(a.endsAt));
          if (rows.length === 0) return null;
          return (
            <section key={g.status} aria-label={`${g.title} silences`}>
              <h2 className="section-title">
                {g.title} <span className="muted num">{rows.length}</span>
              </h2>
              <SilenceTable
                label={`${g.title} silences`}
                silences={rows}
                onExpire={canAct ? setTarget : undefined}
              />
            </section>
          );
        })
      }
    </QueryTable>
  );

  return (
    <>
      {canAct ? (
        <p>
          <button type="button" className="btn" onClick={() => setCreating(true)}>
            New silence
          </button>
        </p>
      ) : null}
      {body}
      {creating ? <SilenceDialog onClose={() => setCreating(false)} /> : null}
      {target ? (
        <ConfirmDialog
          title="Expire this silence?"
          confirmLabel={expire.isPending ? 'Expiring…' : 'Expire silence'}
          busy={expire.isPending}
          error={expire.error}
          onCancel={close}
          onConfirm={() => expire.mutate(target.id, { onSuccess: close })}
        >
          Alerts matching{' '}
          <span className="mono">{target.matchers.map(matcherText).join(', ')}</span> notify again
          at once if they are still firing.
        </ConfirmDialog>
      ) : null}
    </>
  );
}
