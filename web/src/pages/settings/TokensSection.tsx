import type { Token } from '@eventscope/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { useRevokeToken, useTokens } from '../../hooks/useAccess';
import { CreateTokenForm } from './CreateTokenForm';

function TokenTable({ tokens, onRevoke }: { tokens: Token[]; onRevoke: (t: Token) => void }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Role</th>
          <th scope="col">Created</th>
          <th scope="col">Created by</th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td className="mono">{token.name}</td>
            <td>
              <span className={`badge badge-role badge-role-${token.role}`}>{token.role}</span>
            </td>
            <td>
              <RelativeTime at={token.createdAt} />
            </td>
            <td className="mono">{token.createdBy}</td>
            <td>
              {token.lastUsedAt ? (
                <RelativeTime at={token.lastUsedAt} />
              ) : (
                <span className="muted">never</span>
              )}
            </td>
            <td className="cell-actions">
              <button
                type="button"
                className="btn btn-quiet btn-danger-text"
                onClick={() => onRevoke(token)}
                aria-label={`Revoke ${token.name}`}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TokenList({ onRevoke }: { onRevoke: (t: Token) => void }) {
  const tokens = useTokens();
  if (tokens.isPending) return <Skeleton className="skeleton-table" />;
  if (tokens.isError) return <ErrorState error={tokens.error} title="Could not load API tokens" />;
  if (tokens.data.length === 0) {
    return (
      <EmptyState title="No API tokens">
        Tokens let scripts and CI call the api; create one below.
      </EmptyState>
    );
  }
  return <TokenTable tokens={tokens.data} onRevoke={onRevoke} />;
}

export function TokensSection() {
  const revoke = useRevokeToken();
  const [target, setTarget] = useState<Token | null>(null);

  const close = () => {
    revoke.reset();
    setTarget(null);
  };

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="section-title">
        API tokens
      </h2>
      <TokenList onRevoke={setTarget} />
      <CreateTokenForm />
      {target ? (
        <ConfirmDialog
          title={`Revoke the token “${target.name}”?`}
          confirmLabel={revoke.isPending ? 'Revoking…' : `Revoke ${target.name}`}
          busy={revoke.isPending}
          error={revoke.error}
          onCancel={close}
          onConfirm={() => revoke.mutate(target.id, { onSuccess: close })}
        >
          Scripts using <strong>{target.name}</strong> ({target.role}) stop working at once and its
          sessions end. This cannot be undone.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
