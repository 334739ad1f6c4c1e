/** Grey blocks with the size of what is loading, so the layout does not jump when it arrives. */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span className={`skeleton ${className}`} aria-hidden="true" />;
}

export function PageSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading">
      <Skeleton className="skeleton-title" />
      <div className="tiles">
        <Skeleton className="skeleton-tile" />
        <Skeleton className="skeleton-tile" />
        <Skeleton className="skeleton-tile" />
      </div>
    </div>
  );
}

/** A table-shaped placeholder: a header line and `rows` lines of the table's row height. */
export function TableSkeleton({ rows = 8, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton-rows" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows + 1 }, (_, i) => (
        <Skeleton key={i} className={i === 0 ? 'skeleton-row skeleton-head' : 'skeleton-row'} />
      ))}
    </div>
  );
}
