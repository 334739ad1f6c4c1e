import { PasswordSchema, UsernameSchema, type Role } from '@eventscope/shared';
import { useState, type FormEvent } from 'react';
import { toApiError } from '../../api/errors';
import { describedBy, FormField } from '../../components/FormField';
import { useCreateUser } from '../../hooks/useAccess';
import { RoleSelect } from './RoleSelect';

interface FieldErrors {
  username?: string;
  password?: string;
}

/** The same rules the api applies (shared schemas), checked before sending. */
function validate(username: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  const u = UsernameSchema.safeParse(username);
  if (!u.success) errors.username = `Username ${u.error.issues[0]?.message ?? 'is not valid'}`;
  const p = PasswordSchema.safeParse(password);
  if (!p.success) errors.password = `Password ${p.error.issues[0]?.message ?? 'is not valid'}`;
  return errors;
}

export function CreateUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [tried, setTried] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Messages appear after the first attempt, then follow the typing.
  const errors = tried ? validate(username, password) : {};
  const usernameError =
    errors.username ?? (conflict === username ? `A user named ${username} already exists` : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(null);
    const found = validate(username, password);
    if (found.username || found.password) return;
    create.mutate(
      { username, password, role },
      {
        onSuccess: (user) => {
          setDone(`Created ${user.username} (${user.role}).`);
          setUsername('');
          setPassword('');
          setTried(false);
        },
        onError: (error) => {
          if (toApiError(error).status === 409) setConflict(username);
        },
      },
    );
  };

  const otherError = create.isError && toApiError(create.error).status !== 409;

  return (
    <form className="form form-inline" onSubmit={submit} aria-label="Create a user" noValidate>
      <FormField id="user-username" label="Username" error={usernameError}>
        <input
          id="user-username"
          name="username"
          value={username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          onChange={(e) => setUsername(e.target.value)}
          aria-invalid={usernameError ? true : undefined}
          aria-describedby={describedBy('user-username', usernameError)}
        />
      </FormField>
      <FormField
        id="user-password"
        label="Password"
        error={errors.password}
        hint="At least 12 characters"
      >
        <input
          id="user-password"
          name="password"
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('user-password', errors.password, 'At least 12 characters')}
        />
      </FormField>
      <RoleSelect value={role} onChange={setRole} />
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create user'}
      </button>
      {otherError ? (
        <p className="form-error" role="alert">
          {toApiError(create.error).message}
        </p>
      ) : null}
      {done ? (
        <p className="form-ok" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}
