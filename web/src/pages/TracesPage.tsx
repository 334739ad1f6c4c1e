import { PlaceholderPage } from './PlaceholderPage';

export default function TracesPage() {
  return (
    <PlaceholderPage title="Traces" empty="No traces yet">
      Search by correlation id or trace id; spans arrive over OTLP at <code>/v1/traces</code> and
      from record headers.
    </PlaceholderPage>
  );
}
