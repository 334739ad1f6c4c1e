import { PlaceholderPage } from './PlaceholderPage';

export default function TopicsPage() {
  return (
    <PlaceholderPage title="Topics" empty="No topics yet">
      Topics will appear here with partitions, throughput and event size (p50/p95/p99/max).
    </PlaceholderPage>
  );
}
