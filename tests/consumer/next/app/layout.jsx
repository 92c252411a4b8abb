// The root layout (a server component): the stylesheet, the navigation, and the client
// component that starts consentry.
import Link from 'next/link';
import 'consentry/consentry.css';
import { Consent, PreferencesButton } from './consent.jsx';

export const metadata = { title: 'consentry consumer (Next.js)' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Home</Link> <Link href="/about">About</Link> <PreferencesButton />
        </nav>
        <main>{children}</main>
        <Consent />
      </body>
    </html>
  );
}
