import { Link, useLocation, useNavigate } from 'react-router-dom';
import { signInPath, SIGN_IN_PATH } from '../app/signIn';
import { useSession, useSignOut } from '../hooks/useSession';

const KIND_WORDS = { user: 'user', token: 'API token', bootstrap: 'bootstrap token' } as const;

/** Who is signed in and with which role, or how to sign in. */
export function UserMenu() {
  const { data: session, isPending } = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const signInLink = (
    <Link className="btn" to={signInPath(pathname + search)}>
      Sign in
    </Link>
  );

  // Loading, or the session could not be read: the pages say what is wrong.
  if (isPending || session === undefined) return null;
  if (session === null) return <div className="user">{signInLink}</div>;

  const { principal } = session;
  if (principal.kind === 'anonymous') {
    return (
      <div className="user">
        <span className="muted" title="The api allows reading without signing in">
          Read-only (anonymous)
        </span>
        {signInLink}
      </div>
    );
  }
  return (
    <div className="user">
      <span className="user-name" title={`Signed in with a ${KIND_WORDS[principal.kind]}`}>
        {principal.name}
      </span>
      <span className={`badge badge-role badge-role-${principal.role}`}>{principal.role}</span>
      <button
        type="button"
        className="btn btn-quiet"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(SIGN_IN_PATH) })}
      >
        Sign out
      </button>
    </div>
  );
}
