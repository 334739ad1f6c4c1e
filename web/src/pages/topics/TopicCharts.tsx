import type { z } from 'zod';
import type { TopicHistorySchema } from '@eventscope/shared';
import { TimeChart } from '../../components/charts/TimeChart';
import { toTimeRows } from '../../components/charts/timeRows';
import { formatBytes, formatCount, formatExact } from '../../lib/format';
import { SIZE_P95_THRESHOLD } from '../../lib/thresholds';

type TopicHistory = z.infer<typeof TopicHistorySchema>;

export function topicRows(points: TopicHistory['points']) {
  return toTimeRows(points, {
    messagesPerSecond: (p) => p.messagesPerSecond,
    bytesPerSecond: (p) => p.bytesPerSecond,
    sizeP50: (p) => p.sizeP50,
    sizeP95: (p) => p.sizeP95,
    sizeP99: (p) => p.sizeP99,
    sizeMax: (p) => p.sizeMax,
  });
}

/** Throughput and event size over the page's window, sharing the x axis and crosshair. */
export function TopicCharts({ history, syncId }: { history: TopicHistory; syncId: string }) {
  const rows = topicRows(history.points);
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  const common = { data: rows, from, to, syncId, height: 160 };
  return (
    <div className="charts">
      <TimeChart
        {...common}
        title="Messages per second"
        series={[{ key: 'messagesPerSecond', name: 'msgs/s', color: 'var(--series-1)' }]}
        formatY={(v) => formatCount(v)}
        formatExact={(v) => `${formatExact(v)} msgs/s`}
      />
      <TimeChart
        {...common}
        title="Bytes per second"
        series={[{ key: 'bytesPerSecond', name: 'bytes/s', color: 'var(--series-3)' }]}
        formatY={(v) => formatBytes(v)}
        formatExact={(v) => `${formatExact(v)} bytes/s`}
      />
      <TimeChart
        {...common}
        height={200}
        title="Event size (p50 / p95 / p99 / max)"
        series={[
          { key: 'sizeP50', name: 'p50', color: 'var(--series-1)' },
          { key: 'sizeP95', name: 'p95', color: 'var(--series-2)' },
          { key: 'sizeP99', name: 'p99', color: 'var(--series-3)' },
          { key: 'sizeMax', name: 'max', color: 'var(--series-4)', dashed: true },
        ]}
        formatY={(v) => formatBytes(v)}
        formatExact={(v) => `${formatExact(v)} bytes`}
        threshold={{ value: SIZE_P95_THRESHOLD, label: 'p95 alert ≥ 1 MiB' }}
      />
    </div>
  );
}
