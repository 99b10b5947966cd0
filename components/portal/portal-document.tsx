import type { ReactNode } from "react";

interface PortalDocumentProps {
  /** BCP 47 tag of the page content. */
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  /** The whole stylesheet: the portal's rules plus the venue's look (components/portal/venue-look.ts). */
  stylesheet: string;
  /** The page's one inline script, on pages with forms to check. */
  script?: string;
  /** The page's own address, when it is sent in answer to a form post (see enhance-forms.ts). */
  location?: string;
  /** Where the browser goes at once, with or without JavaScript (a gateway's grant address). */
  refreshTo?: string;
  children: ReactNode;
}

/**
 * A complete guest page: one HTML document with its styles and (on form pages) its one small
 * script inline, so a page is a single request and nothing else loads before it can be used.
 */
export function PortalDocument({ lang, dir, title, stylesheet, script, location, refreshTo, children }: PortalDocumentProps) {
  return (
    <html lang={lang} dir={dir}>
      {/* Rendered by react-dom/server in a route handler, not by Next's page pipeline: no next/head here. */}
      {/* eslint-disable-next-line @next/next/no-head-element */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        {refreshTo ? <meta httpEquiv="refresh" content={`0;url=${refreshTo}`} /> : null}
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: stylesheet }} />
      </head>
      <body data-location={location}>
        {children}
        {script ? <script dangerouslySetInnerHTML={{ __html: script }} /> : null}
      </body>
    </html>
  );
}
