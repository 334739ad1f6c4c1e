import { EmptyState } from '../../components/EmptyState';
import { ErrorState } from '../../components/ErrorState';
import { RoleGate } from '../../components/RoleGate';
import { PageSkeleton } from '../../components/Skeleton';
import { useAudit, type AuditFilters } from '../../hooks/useAudit';
import { useCan } from '../../hooks/useSession';
import { AuditFiltersForm } from './AuditFiltersForm';
import { AuditTable } from './AuditTable';
import { useAuditParams } from './url';

function AuditLog({ filters }: { filters: AuditFilters }) {
  // Only admins may read the log; others never send the request (RoleGate explains why).
  const audit = useAudit(filters, useCan('admin'));
  if (audit.isPending) return <PageSkeleton />;
  // A failed "Load older" keeps the rows already shown; only a first-page failure replaces them.
  if (audit.data === undefined) {
    return (
      <ErrorState
        error={audit.error}
        title="Could not load the audit log"
        onRetry={() => void audit.refetch()}
      />
    );
  }
  const entries = audit.data.pages.flatMap((page) => page.entries);
  if (entries.length === 0) {
    const filtered = filters.action !== '' || filters.actor !== '';
    return (
      <EmptyState title={filtered ? 'No entries match these filters' : 'No audit entries yet'}>
        Every write — sign-ins, replays, silences, rule and token changes — appears here with who,
        what, when and from where.
      </EmptyState>
    );
  }
  return (
    <>
      <AuditTable entries={entries} />
      <div className="table-foot">
        <span className="muted">
          {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
        </span>
        {audit.hasNextPage ? (
          <button
            type="button"
            className="btn"
            disabled={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            {audit.isFetchingNextPage ? 'Loading…' : 'Load older'}
          </button>
        ) : (
          <span className="muted">Start of the log</span>
        )}
      </div>
      {audit.isFetchNextPageError ? (
        <ErrorState error={audit.error} title="Could not load older entries" />
      ) : null}
    </>
  );
}

export default function AuditPage() {
  const { filters, setFilters } = useAuditParams();
  return (
    <>
      <h1 className="page-title">Audit</h1>
      <RoleGate role="admin" what="The audit log">
        <AuditFiltersForm
          key={`${filters.action}\n${filters.actor}`}
          filters={filters}
          onApply={setFilters}
        />
        <AuditLog filters={filters} />
      </RoleGate>
    </>
  );
}
