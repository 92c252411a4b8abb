'use client';
// The README's Next.js recipe: consentry in client components. Importing consentry is
// SSR-safe (these components are rendered on the server too), so no `dynamic(…, { ssr: false })`.
import { useEffect, useState } from 'react';
import * as CookieConsent from 'consentry';
import { consentConfig } from '../../consent-config.js';

const config = consentConfig('Next.js consumer');

/** In the root layout, once: starts consentry after the first render (hydration) is in the
 * page. No cleanup: a second run() (StrictMode in `next dev`) is ignored. */
export function Consent() {
  useEffect(() => {
    const started = CookieConsent.run(config);
    (window.ccRuns ||= []).push(started); // for the test: how often run() was called
    started.then(
      () => (window.ccRun = 'resolved'),
      (error) => ((window.ccRun = 'rejected'), (window.ccError = String(error))),
    );
  }, []);
  return null;
}

export function PreferencesButton() {
  return (
    <button type="button" id="prefs" onClick={() => CookieConsent.showPreferences()}>
      Cookie settings
    </button>
  );
}

/** Whether a category is accepted now; `false` on the server and in the hydrating render, so
 * the two agree; read after mounting and on every consent change. */
export function useAcceptedCategory(name) {
  const [accepted, setAccepted] = useState(false);
  useEffect(() => {
    const update = () => setAccepted(CookieConsent.acceptedCategory(name));
    update();
    window.addEventListener('cc:onConsent', update);
    window.addEventListener('cc:onChange', update);
    return () => {
      window.removeEventListener('cc:onConsent', update);
      window.removeEventListener('cc:onChange', update);
    };
  }, [name]);
  return accepted;
}

export function Status() {
  const analytics = useAcceptedCategory('analytics');
  return <p className="status">analytics: {analytics ? 'on' : 'off'}</p>;
}
