import type { DlqDiscovery, DlqStats } from '@eventscope/shared';
import { Link } from 'react-router-dom';
import { Num } from '../../components/Num';
import { topicHref } from '../../lib/links';

const DISCOVERY: Record<DlqDiscovery, { label: string; title: string }> = {
  name: { label: 'name', title: 'The topic name follows a dead-letter convention' },
  config: { label: 'config', title: 'Listed as a DLQ in the Eventscope configuration' },
  headers: { label: 'headers', title: 'Its records carry dead-letter headers' },
};

/** How the DLQ was found: "name", "headers", "config", each explained on hover. */
export function Discovery({ by }: { by: readonly DlqDiscovery[] }) {
  if (by.length === 0) return <span className="muted">—</span>;
  return (
    <span className="link-list">
      {by.map((d) => (
        <span key={d} title={DISCOVERY[d].title}>
          {DISCOVERY[d].label}
        </span>
      ))}
    </span>
  );
}

/** Arrivals per minute; unknown (fewer than two samples) stays "—" without a unit. */
export function Inflow({ value }: { value: number | null }) {
  return (
    <>
      <Num value={value} />
      {value === null ? null : <span className="muted num">/min</span>}
    </>
  );
}

/** The topics whose dead letters land here, each linking to its topic page. */
export function SourceTopics({ dlq, search }: { dlq: DlqStats; search: string }) {
  if (dlq.sourceTopics.length === 0) {
    return <span className="muted">unknown</span>;
  }
  return (
    <span className="link-list">
      {dlq.sourceTopics.map((t) => (
        <Link key={t} className="mono" to={`${topicHref(dlq.cluster, t)}${search}`}>
          {t}
        </Link>
      ))}
    </span>
  );
}

/** What the DLQ views show and how a topic gets there: the naming rules and the headers. */
export function NoDlqs() {
  return (
    <>
      Topics named <code>*-dlt</code>, <code>*.DLT</code>, <code>*.DLQ</code>, <code>*-dlq</code>,{' '}
      <code>dlq-*</code> or carrying dead-letter headers appear here.
    </>
  );
}
