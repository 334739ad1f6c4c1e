import type { GroupLag } from '@eventscope/shared';
import { Link, useLocation } from 'react-router-dom';
import { LagSeconds } from '../../components/LagSeconds';
import { Num } from '../../components/Num';
import { StatusBadge } from '../../components/StatusBadge';
import { globalSearch } from '../../hooks/useGlobalParams';
import { topicHref } from '../../lib/links';
import { statusInfo } from '../../lib/status';

/** What is wrong and how bad, before any chart: the status, its reason in words, the lag. */
export function GroupStatusPanel({ group }: { group: GroupLag }) {
  const search = globalSearch(useLocation().search);
  const role = statusInfo(group.status.code).role;
  return (
    <section className={`status-panel role-edge-${role}`} aria-label="Status">
      <p className="status-line">
        <StatusBadge status={group.status.code} />
        <span className="status-reason">{group.status.reason}</span>
      </p>
      <dl className="summary-facts">
        <div>
          <dt>Lag (time)</dt>
          <dd>
            <LagSeconds value={group.lagSeconds} lowerBound={group.lagSecondsIsLowerBound} />
          </dd>
        </div>
        <div>
          <dt>Lag (messages)</dt>
          <dd>
            <Num value={group.lagMessages} />
          </dd>
        </div>
        <div>
          <dt>Members</dt>
          <dd>
            <Num value={group.members.length} />
          </dd>
        </div>
        <div>
          <dt>State</dt>
          <dd>{group.state}</dd>
        </div>
        <div>
          <dt>Topics</dt>
          <dd className="link-list">
            {group.topics.length === 0 ? <span className="muted">none</span> : null}
            {group.topics.map((t) => (
              <Link key={t} className="mono" to={`${topicHref(group.cluster, t)}${search}`}>
                {t}
              </Link>
            ))}
          </dd>
        </div>
      </dl>
    </section>
  );
}
