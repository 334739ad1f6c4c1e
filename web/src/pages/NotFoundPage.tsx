import { Link } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';

export default function NotFoundPage() {
  return (
    <EmptyState title="No such page">
      The link may be from a newer version. <Link to="/">Go to the overview</Link>.
    </EmptyState>
  );
}
