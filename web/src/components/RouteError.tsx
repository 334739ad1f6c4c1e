import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last resort when a page throws or its chunk fails to load (e.g. after a redeploy). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="state state-error" role="alert">
      <p className="state-title">This page failed to load</p>
      <p className="state-body">{message}</p>
      <button type="button" className="btn" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
