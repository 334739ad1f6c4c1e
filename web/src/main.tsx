import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, readStoredTheme } from './hooks/useTheme';
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/states.css';
import './styles/data.css';
import './styles/charts.css';

// Apply a stored theme before the first paint; without one the CSS follows the OS already.
const stored = readStoredTheme();
if (stored) applyTheme(stored);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
