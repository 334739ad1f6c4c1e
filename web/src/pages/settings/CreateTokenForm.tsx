import { NameSchema, type Role } from '@eventscope/shared';
import { useState, type FormEvent } from 'react';
import { toApiError } from '../../api/errors';
import { describedBy, FormField } from '../../components/FormField';
import { useCreateToken } from '../../hooks/useAccess';
import { NewTokenNotice } from './NewTokenNotice';
import { RoleSelect } from './RoleSelect';

interface Created {
  name: string;
  secret: string;
}

export function CreateTokenForm() {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [nameError, setNameError] = useState<string | null>(null);
  // Held in this component's state only, and dropped on Done: shown once, never cached.
  const [created, setCreated] = useState<Created | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = NameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(`Name ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
      return;
    }
    setNameError(null);
    create.mutate(
      { name: parsed.data, role },
      {
        onSuccess: (token) => {
          setCreated({ name: token.name, secret: token.token });
          setName('');
          // The mutation result holds the secret too; do not keep it around.
          create.reset();
        },
      },
    );
  };

  if (created) {
    return (
      <NewTokenNotice name={created.name} secret={created.secret} onDone={() => setCreated(null)} />
    );
  }

  return (
    <form className="form form-inline" onSubmit={submit} aria-label="Create an API token">
      <FormField id="token-name" label="Name" error={nameError}>
        <input
          id="token-name"
          name="name"
          value={name}
          placeholder="e.g. ci-deploy"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={describedBy('token-name', nameError)}
        />
      </FormField>
      <RoleSelect value={role} onChange={setRole} />
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create token'}
      </button>
      {create.isError ? (
        <p className="form-error" role="alert">
          {toApiError(create.error).message}
        </p>
      ) : null}
    </form>
  );
}
