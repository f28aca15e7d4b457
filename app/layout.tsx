import '@fontsource-variable/inter';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import { LinkNavigation } from '@/components/shell/link-navigation';
import { parseTheme, THEME_COOKIE } from '@/lib/theme';

export const metadata: Metadata = {
  title: { default: 'Accord', template: '%s · Accord' },
  description: 'Track a partnership from first handshake to regional launch.',
};

// Every page reads the session and the database per request. Saying so stops `next build` from
// trying to prerender them, which opened (and locked) the embedded database from a build worker
// (issue 13, finding 13; server/db/client.ts refuses to open it during a build).
export const dynamic = 'force-dynamic';

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#020617' },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme === 'system' ? undefined : theme}>
      <body className="min-h-screen font-sans">
        {children}
        <LinkNavigation />
      </body>
    </html>
  );
}
