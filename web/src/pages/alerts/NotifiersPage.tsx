import type { Notifier } from '@eventscope/shared';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { toApiError } from '../../api/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { TableSkeleton } from '../../components/Skeleton';
import { globalSearch } from '../../hooks/useGlobalParams';
import { useCreateNotifier, useDeleteNotifier, useNotifiers } from '../../hooks/useNotifiers';
import { useCan } from '../../hooks/useSession';
import { apiFieldErrors } from './fieldErrors';
import { NotifierForm } from './NotifierForm';
import { NotifierStatus, RouteSummary } from './NotifierBits';
import { SecretNotice } from './SecretNotice';

function NotifierTable({
  notifiers,
  onDelete,
}: {
  notifiers: readonly Notifier[];
  onDelete?: (n: Notifier) => void;
}) {
  const search = globalSearch(useLocation().search);
  return (
    <table className="table" aria-label="Notifiers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Target</th>
          <th scope="col">Route</th>
          <th scope="col">Status</th>
          {onDelete ? (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {notifiers.map((n) => (
          <tr key={n.id}>
            <td>
              <Link to={`/alerts/notifiers/${encodeURIComponent(n.id)}${search}`}>{n.name}</Link>
            </td>
            <td>{n.type}</td>
            <td className="mono cell-clip" title={n.urlRedacted}>
              {n.urlRedacted}
            </td>
            <td>
              <RouteSummary notifier={n} />
            </td>
            <td>
              <NotifierStatus notifier={n} />
            </td>
            {onDelete ? (
              <td className="cell-actions">
                <button
                  type="button"
                  className="btn btn-quiet btn-danger-text"
                  aria-label={`Delete notifier ${n.name}`}
                  onClick={() => onDelete(n)}
                >
                  Delete
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Create a notifier; its generated secret is shown once, then only "has a secret". */
function CreateNotifier() {
  const create = useCreateNotifier();
  const [open, setOpen] = useState(false);
  // Held here only and dropped on Done: shown once, never cached.
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  if (created) {
    return (
      <SecretNotice name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
    );
  }
  if (!open) {
    return (
      <p>
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          New notifier
        </button>
      </p>
    );
  }
  const fieldErrors = create.isError ? apiFieldErrors(create.error) : {};
  return (
    <NotifierForm
      busy={create.isPending}
      serverErrors={fieldErrors}
      failure={
        create.isError && Object.keys(fieldErrors).length === 0
          ? toApiError(create.error).message
          : null
      }
      onCancel={() => {
        create.reset();
        setOpen(false);
      }}
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (notifier) => {
            setOpen(false);
            if (notifier.secret) setCreated({ name: notifier.name, secret: notifier.secret });
            // The mutation result holds the secret too; do not keep it around.
            create.reset();
          },
        })
      }
    />
  );
}

export function NotifiersPage() {
  const notifiers = useNotifiers();
  const isAdmin = useCan('admin');
  const remove = useDeleteNotifier();
  const [target, setTarget] = useState<Notifier | null>(null);

  const close = () => {
    remove.reset();
    setTarget(null);
  };

  let body;
  if (notifiers.isPending) body = <TableSkeleton rows={3} label="Loading notifiers" />;
  else if (notifiers.isError && !notifiers.data) {
    body =
      toApiError(notifiers.error).status === 403 ? (
        <EmptyState title="Notifiers are for the admin role">
          Ask an admin to see where alerts are sent and how deliveries went.
        </EmptyState>
      ) : (
        <ErrorState
          title="Cannot load notifiers"
          error={notifiers.error}
          onRetry={() => void notifiers.refetch()}
        />
      );
  } else if (notifiers.data.length === 0) {
    body = (
      <EmptyState title="No notifiers">
        Alerts show here but reach nobody until a notifier sends them to a webhook, Slack or
        PagerDuty.
      </EmptyState>
    );
  } else {
    body = <NotifierTable notifiers={notifiers.data} onDelete={isAdmin ? setTarget : undefined} />;
  }

  return (
    <>
      {body}
      {isAdmin ? <CreateNotifier /> : null}
      {target ? (
        <ConfirmDialog
          title={`Delete the notifier “${target.name}”?`}
          confirmLabel={remove.isPending ? 'Deleting…' : `Delete ${target.name}`}
          busy={remove.isPending}
          error={remove.error}
          onCancel={close}
          onConfirm={() => remove.mutate(target.id, { onSuccess: close })}
        >
          Alerts stop reaching <span className="mono">{target.urlRedacted}</span>; deliveries still
          queued for it are dropped.
        </ConfirmDialog>
      ) : null}
    </>
  );
}
