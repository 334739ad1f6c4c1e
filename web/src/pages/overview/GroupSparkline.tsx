import { lazy, Suspense, useRef } from 'react';
import { toTimeRows } from '../../components/charts/timeRows';
import { Skeleton } from '../../components/Skeleton';
import { useGroupHistory } from '../../hooks/useConsumerGroups';
import { useInView } from '../../hooks/useInView';

// recharts loads with the first sparkline, after the table itself has painted.
const Sparkline = lazy(() => import('../../components/charts/Sparkline'));

/** Lag seconds over the last hour for one row; fetched only once the row is on screen. */
export function GroupSparkline({ cluster, group }: { cluster: string; group: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const visible = useInView(ref);
  const history = useGroupHistory(cluster, group, '1h', { enabled: visible });
  const placeholder = <Skeleton className="skeleton-spark" />;
  let content = placeholder;
  if (history.isError && !history.data) {
    content = (
      <span className="muted" title="History unavailable">
        —
      </span>
    );
  } else if (history.data) {
    const data = toTimeRows(history.data.points, { v: (p) => p.lagSeconds });
    content = (
      <Suspense fallback={placeholder}>
        <Sparkline data={data} label={`Lag seconds of ${group}, last hour`} />
      </Suspense>
    );
  }
  return (
    <span ref={ref} className="spark-cell">
      {content}
    </span>
  );
}
