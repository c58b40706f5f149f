/** Entry point: mounts the app, and registers the service worker that keeps its shell for offline reloads. */
import './zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { langCurrent } from './i18n/strings.ts';
import { serviceWorkerRegister } from './offline/service-worker-register.ts';
import './styles.css';

document.documentElement.lang = langCurrent();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
serviceWorkerRegister();
