import { PlaceholderPage } from './PlaceholderPage';

export default function DlqsPage() {
  return (
    <PlaceholderPage title="DLQs" empty="No DLQs found">
      Topics named <code>*-dlt</code>, <code>*.DLT</code>, <code>*.DLQ</code>, <code>*-dlq</code>,{' '}
      <code>dlq-*</code> or carrying dead-letter headers appear here with depth, inflow and oldest
      age.
    </PlaceholderPage>
  );
}
