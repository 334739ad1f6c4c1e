import { toApiError } from '../api/errors';

interface ErrorStateProps {
  error: unknown;
  /** What failed, in the user's words: "Could not load health". */
  title: string;
  onRetry?: () => void;
}

export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  const e = toApiError(error);
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">{title}</p>
      <p className="state-body">{e.message}</p>
      <p className="state-meta">
        <code>{e.code}</code>
        {e.status ? <> · HTTP {e.status}</> : null}
        {e.requestId ? <> · request {e.requestId}</> : null}
      </p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
