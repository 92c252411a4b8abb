// Rendered on the server at every request, importing consentry at module level: the import
// touches no browser global, and its queries answer "nothing accepted" there.
import * as CookieConsent from 'consentry';

export const dynamic = 'force-dynamic';

export default function ServerRendered() {
  return (
    <section>
      <h1>Server-rendered</h1>
      <p id="ssr">
        {`window: ${typeof window}; acceptedCategory: ${CookieConsent.acceptedCategory('analytics')}; validConsent: ${CookieConsent.validConsent()}`}
      </p>
    </section>
  );
}
