// A server component: the held script is in the server's HTML, and consentry (started in the
// layout's client component) releases it once analytics is accepted.
import { Status } from './consent.jsx';

export default function Home() {
  return (
    <section>
      <h1>Home</h1>
      <Status />
      {/* Held until analytics is accepted; held.js records that it ran. */}
      <script type="text/plain" data-category="analytics" data-src="/held.js" />
    </section>
  );
}
