import { PlaceholderPage } from './PlaceholderPage';

export default function AlertsPage() {
  return (
    <PlaceholderPage title="Alerts" empty="No alerts">
      Firing and pending alerts appear here, most severe and oldest first, with silences and
      acknowledgements.
    </PlaceholderPage>
  );
}
