import { PlaceholderPage } from './PlaceholderPage';

export default function ConsumerGroupsPage() {
  return (
    <PlaceholderPage title="Consumer groups" empty="No consumer groups yet">
      Every group on the selected clusters will appear here with its status, lag in seconds and
      messages, and members — worst first.
    </PlaceholderPage>
  );
}
