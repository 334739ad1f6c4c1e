import type { SessionRequest } from '@eventscope/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { safeNext } from '../../app/signIn';
import { useSession, useSignIn } from '../../hooks/useSession';
import { signInErrorMessage } from './signInError';

type Mode = 'token' | 'password';

const MODES: { key: Mode; label: string }[] = [
  { key: 'token', label: 'API token' },
  { key: 'password', label: 'Username and password' },
];

function requestFrom(mode: Mode, form: FormData): SessionRequest {
  const field = (name: string) => String(form.get(name) ?? '');
  return mode === 'token'
    ? { token: field('token').trim() }
    : { username: field('username').trim(), password: field('password') };
}

export default function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { data: session } = useSession();
  const signIn = useSignIn();
  const [mode, setMode] = useState<Mode>('token');
  const firstField = useRef<HTMLInputElement>(null);
  const secretField = useRef<HTMLInputElement>(null);

  // The first field is where the user types; after switching mode too.
  useEffect(() => {
    firstField.current?.focus();
  }, [mode]);

  const switchMode = (to: Mode) => {
    signIn.reset();
    setMode(to);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate(requestFrom(mode, new FormData(event.currentTarget)), {
      onSuccess: () => void navigate(next, { replace: true }),
      // Back to the secret, selected, so a typo is fixed by typing again.
      onError: () => {
        secretField.current?.focus();
        secretField.current?.select();
      },
    });
  };

  const signedIn = session && session.principal.kind !== 'anonymous' ? session.principal : null;
  const errorId = 'sign-in-error';
  const error = signIn.isError ? signInErrorMessage(signIn.error) : null;
  const described = error ? errorId : undefined;

  return (
    <main className="signin">
      <div className="signin-panel">
        <div className="signin-brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Eventscope</span>
        </div>
        <h1 className="page-title">Sign in</h1>
        {signedIn ? (
          <p className="muted">
            Signed in as <strong>{signedIn.name}</strong> ({signedIn.role}).{' '}
            <Link to={next}>Continue</Link>, or sign in as someone else.
          </p>
        ) : null}
        <div className="segmented signin-modes" role="group" aria-label="Sign in with">
          {MODES.map((m) => (
            <button
              key={m.key}
              type="button"
              aria-pressed={mode === m.key}
              onClick={() => switchMode(m.key)}
            >
              {m.label}
            </button>
          ))}
        </div>
        <form className="form" onSubmit={onSubmit} aria-label="Sign in">
          {mode === 'token' ? (
            <label className="form-field">
              <span>API token</span>
              <input
                ref={(el) => {
                  firstField.current = el;
                  secretField.current = el;
                }}
                name="token"
                type="password"
                autoComplete="off"
                spellCheck={false}
                required
                aria-describedby={described}
              />
            </label>
          ) : (
            <>
              <label className="form-field">
                <span>Username</span>
                <input
                  ref={firstField}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                />
              </label>
              <label className="form-field">
                <span>Password</span>
                <input
                  ref={secretField}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  aria-describedby={described}
                />
              </label>
            </>
          )}
          {error ? (
            <p id={errorId} className="form-error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn btn-primary" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="fine-print">
          First time on a fresh install? A one-time bootstrap token is printed in the server log on
          first start, or set <code>EVENTSCOPE_ADMIN_TOKEN</code>.
        </p>
      </div>
    </main>
  );
}
