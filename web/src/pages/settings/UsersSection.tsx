import type { User } from '@eventscope/shared';
import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { RelativeTime } from '../../components/RelativeTime';
import { Skeleton } from '../../components/Skeleton';
import { useUsers } from '../../hooks/useAccess';
import { CreateUserForm } from './CreateUserForm';

function UserTable({ users }: { users: User[] }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <td className="mono">{user.username}</td>
            <td>
              <span className={`badge badge-role badge-role-${user.role}`}>{user.role}</span>
            </td>
            <td>
              <RelativeTime at={user.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function UserList() {
  const users = useUsers();
  if (users.isPending) return <Skeleton className="skeleton-table" />;
  if (users.isError) return <ErrorState error={users.error} title="Could not load users" />;
  if (users.data.length === 0) {
    return (
      <EmptyState title="No users yet">
        Users sign in with a username and password; until one exists, admins sign in with a token.
      </EmptyState>
    );
  }
  return <UserTable users={users.data} />;
}

export function UsersSection() {
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title" className="section-title">
        Users
      </h2>
      <UserList />
      <CreateUserForm />
    </section>
  );
}
