import { NavLink, useLocation } from 'react-router-dom';
import { NAV_ITEMS } from '../app/routes';
import { globalSearch } from '../hooks/useGlobalParams';
import { RequireRole } from './RequireRole';

type NavPath = (typeof NAV_ITEMS)[number]['path'];

export interface NavRailProps {
  /** Count badges: firing alerts, non-empty DLQs. */
  counts?: Partial<Record<NavPath, number>>;
}

/** What each badge counts, on hover. */
const COUNT_TITLES: Partial<Record<NavPath, string>> = {
  '/alerts': 'firing',
  '/dlqs': 'non-empty',
};

export function NavRail({ counts = {} }: NavRailProps) {
  // Moving between pages keeps the cluster and time range the user picked.
  const search = globalSearch(useLocation().search);
  return (
    <nav className="rail" aria-label="Main">
      <div className="brand">
        <img src="/favicon.svg" alt="" width={20} height={20} />
        <span>Eventscope</span>
      </div>
      <ul>
        {NAV_ITEMS.map((item) => {
          const count = counts[item.path];
          return (
            <li key={item.path}>
              <NavLink to={{ pathname: item.path, search }} end={item.path === '/'}>
                <span>{item.label}</span>
                {count ? (
                  <span
                    className="rail-count num"
                    title={`${count} ${COUNT_TITLES[item.path] ?? ''}`.trimEnd()}
                  >
                    {count}
                  </span>
                ) : null}
              </NavLink>
            </li>
          );
        })}
      </ul>
      <RequireRole role="admin">
        <ul className="rail-bottom" aria-label="Settings">
          <li>
            <NavLink to={{ pathname: '/settings/access', search }}>
              <span>Settings · Access</span>
            </NavLink>
          </li>
        </ul>
      </RequireRole>
    </nav>
  );
}
