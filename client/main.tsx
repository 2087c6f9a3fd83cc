// First: it switches zod to jitless mode before any schema is built (see zodConfig.ts).
import './zodConfig.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, createRouter } from './App.js';
import { createSessionStore } from './session/sessionStore.js';
import './styles/index.css';

// Composition root: one session store and one router for the life of the page.
const sessionStore = createSessionStore();
// Ask who is signed in straight away; pages wait for the answer where they need it.
sessionStore.refresh().catch((error: unknown) => console.error('Could not load the session', error));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App sessionStore={sessionStore} router={createRouter()} />
  </StrictMode>,
);
