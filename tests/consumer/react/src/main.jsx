// The README's React recipe: the stylesheet imported once, the app in StrictMode (which runs
// every effect twice in development: run() is called twice, the second call is ignored).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import 'consentry/consentry.css';
import App from './App.jsx';

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <BrowserRouter>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
