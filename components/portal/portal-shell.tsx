import type { ReactNode } from "react";

interface PortalShellProps {
  /** BCP 47 tag of the page content. */
  lang: string;
  venueName: string;
  headline: string;
  logoUrl?: string;
  footer: string;
  /** The language switcher, when the venue offers more than one language. */
  languages?: ReactNode;
  children: ReactNode;
}

/** The frame every portal page shares: the venue's logo and headline, one column sized for a phone. */
export function PortalShell({ lang, venueName, headline, logoUrl, footer, languages, children }: PortalShellProps) {
  return (
    <div className="portal" lang={lang}>
      <main className="card">
        <header>
          {/* A plain <img>: the logo is one small file Portico serves itself. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {logoUrl ? <img className="logo" src={logoUrl} alt={venueName} /> : <p className="venue-name">{venueName}</p>}
          <h1>{headline}</h1>
        </header>
        {children}
        {languages}
      </main>
      <footer>{footer}</footer>
    </div>
  );
}
