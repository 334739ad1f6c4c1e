import type { StreamStatus } from '../hooks/useEventStream';
import { ClusterSwitcher } from './ClusterSwitcher';
import { ConnectionIndicator } from './ConnectionIndicator';
import { ThemeToggle } from './ThemeToggle';
import { TimeRangePicker } from './TimeRangePicker';
import { UserMenu } from './UserMenu';

export function Header({ stream }: { stream: StreamStatus }) {
  return (
    <header className="topbar">
      <ClusterSwitcher />
      <TimeRangePicker />
      <div className="topbar-end">
        <ConnectionIndicator status={stream} />
        <ThemeToggle />
        <UserMenu />
      </div>
    </header>
  );
}
