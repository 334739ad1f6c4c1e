import { NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { globalSearch } from '../../hooks/useGlobalParams';
import NotFoundPage from '../NotFoundPage';
import { AlertDetailPage } from './AlertDetailPage';
import { AlertListPage } from './AlertListPage';
import { NotifierDetailPage } from './NotifierDetailPage';
import { NotifiersPage } from './NotifiersPage';
import { RuleEditPage } from './RuleEditPage';
import { RulesPage } from './RulesPage';
import { SilencesPage } from './SilencesPage';
import './alerts.css';

const TABS = [
  { to: '/alerts', label: 'Alerts', end: true },
  { to: '/alerts/silences', label: 'Silences', end: false },
  { to: '/alerts/rules', label: 'Rules', end: false },
  { to: '/alerts/notifiers', label: 'Notifiers', end: false },
] as const;

/**
 * `/alerts/*`: the alert list and, as tabs, silences, rules and notifiers. One route entry in
 * the app's table; the sub-pages are routed here so the section stays one lazy chunk.
 */
export default function AlertsSection() {
  const search = globalSearch(useLocation().search);
  return (
    <>
      <h1 className="page-title">Alerts</h1>
      <nav className="tabs" aria-label="Alerts sections">
        {TABS.map((t) => (
          <NavLink key={t.to} to={{ pathname: t.to, search }} end={t.end}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<AlertListPage />} />
        <Route path="silences" element={<SilencesPage />} />
        <Route path="rules" element={<RulesPage />} />
        <Route path="rules/new" element={<RuleEditPage />} />
        <Route path="rules/:id" element={<RuleEditPage />} />
        <Route path="notifiers" element={<NotifiersPage />} />
        <Route path="notifiers/:id" element={<NotifierDetailPage />} />
        <Route path=":id" element={<AlertDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </>
  );
}
