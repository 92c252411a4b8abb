import { Link, Route, Routes } from 'react-router';
import * as CookieConsent from 'consentry';
import { consentConfig } from '../../consent-config.js';
import { useAcceptedCategory, useConsentry } from './consent.js';

const config = consentConfig('React consumer');

function Status() {
  const analytics = useAcceptedCategory('analytics');
  return <p className="status">analytics: {analytics ? 'on' : 'off'}</p>;
}

function Home() {
  return (
    <section>
      <h1>Home</h1>
      <Status />
      {/* Rendered by React, held until analytics is accepted; held.js records that it ran. */}
      <script type="text/plain" data-category="analytics" data-src="/held.js" />
    </section>
  );
}

function About() {
  return (
    <section>
      <h1>About</h1>
      <Status />
    </section>
  );
}

export default function App() {
  useConsentry(config);
  return (
    <>
      <nav>
        <Link to="/">Home</Link> <Link to="/about">About</Link>{' '}
        <button type="button" id="prefs" onClick={() => CookieConsent.showPreferences()}>
          Cookie settings
        </button>
      </nav>
      <main>
        <Routes>
          <Route path="/" element={<Home />} />
          <Route path="/about" element={<About />} />
        </Routes>
      </main>
    </>
  );
}
