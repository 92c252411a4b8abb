// The README's React hooks: run() once after the first render, and a category's state that
// follows the visitor's choices.
import { useEffect, useState } from 'react';
import * as CookieConsent from 'consentry';

/** Start consentry from the root component: effects run after React has put the first
 * render's markup (held scripts included) in the page. No cleanup: a second run() (React
 * StrictMode's second effect in development) returns the first one's promise and is ignored. */
export function useConsentry(config) {
  useEffect(() => {
    const started = CookieConsent.run(config);
    (window.ccRuns ||= []).push(started); // for the test: how often run() was called
    started.then(
      () => (window.ccRun = 'resolved'),
      (error) => ((window.ccRun = 'rejected'), (window.ccError = String(error))),
    );
  }, []);
}

/** Whether a category is accepted now, re-rendered on every consent change. Starts `false`
 * (as on the server) and reads the engine after mounting. */
export function useAcceptedCategory(name) {
  const [accepted, setAccepted] = useState(false);
  useEffect(() => {
    const update = () => setAccepted(CookieConsent.acceptedCategory(name));
    update();
    window.addEventListener('cc:onConsent', update); // first choice, and a returning visit
    window.addEventListener('cc:onChange', update); // a changed choice
    return () => {
      window.removeEventListener('cc:onConsent', update);
      window.removeEventListener('cc:onChange', update);
    };
  }, [name]);
  return accepted;
}
