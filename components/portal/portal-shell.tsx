import type { CSSProperties, ReactNode } from "react";

interface PortalShellProps {
  /** BCP 47 tag of the page content. */
  lang: string;
  venueName: string;
  headline: string;
  primaryColor: string;
  backgroundColor: string;
  logoUrl?: string;
  backgroundImageUrl?: string;
  footer: string;
  children: ReactNode;
}

/** The frame every portal page shares: the venue's colours and logo, one column sized for a phone. */
export function PortalShell({ lang, venueName, headline, primaryColor, backgroundColor, logoUrl, backgroundImageUrl, footer, children }: PortalShellProps) {
  const style = { "--brand": primaryColor, "--page": backgroundColor } as CSSProperties;
  // The URL is a Portico asset path (lib/portal-copy/schemas.ts), so it cannot break out of url().
  if (backgroundImageUrl) Object.assign(style, { backgroundImage: `url("${backgroundImageUrl}")`, backgroundSize: "cover", backgroundPosition: "center" });
  return (
    <div className="portal" lang={lang} style={style}>
      <main className="card">
        <header>
          {/* A plain <img>: the logo is one small file, and next/image's optimiser adds a round trip. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {logoUrl ? <img className="logo" src={logoUrl} alt={venueName} /> : <p className="venue-name">{venueName}</p>}
          <h1>{headline}</h1>
        </header>
        {children}
      </main>
      <footer>{footer}</footer>
    </div>
  );
}
