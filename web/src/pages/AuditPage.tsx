import { PlaceholderPage } from './PlaceholderPage';

export default function AuditPage() {
  return (
    <PlaceholderPage title="Audit" empty="No audit entries yet">
      Every write — replays, silences, rule and token changes — appears here with who, what, when
      and from where.
    </PlaceholderPage>
  );
}
