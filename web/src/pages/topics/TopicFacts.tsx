import type { TopicSummary } from '@eventscope/shared';
import { Num } from '../../components/Num';
import { Rate } from '../../components/Rate';

/** Now, in numbers: partitions, throughput and the event size percentiles of the tap window. */
export function TopicFacts({ topic }: { topic: TopicSummary }) {
  const size = topic.size;
  return (
    <dl className="summary-facts" aria-label="Topic facts">
      <div>
        <dt>Partitions</dt>
        <dd>
          <Num value={topic.partitions} />
        </dd>
      </div>
      <div>
        <dt>Messages</dt>
        <dd>
          <Rate value={topic.messagesPerSecond} />
        </dd>
      </div>
      <div>
        <dt>Bytes</dt>
        <dd>
          <Rate value={topic.bytesPerSecond} kind="bytes" />
        </dd>
      </div>
      {(['p50', 'p95', 'p99', 'max'] as const).map((p) => (
        <div key={p}>
          <dt>Size {p}</dt>
          <dd>
            <Num value={size ? size[p] : null} kind="bytes" />
          </dd>
        </div>
      ))}
      <div>
        <dt>Sized records</dt>
        <dd title={size ? undefined : 'This topic is not tapped: event sizes are unknown'}>
          <Num value={size ? size.count : null} />
        </dd>
      </div>
    </dl>
  );
}
