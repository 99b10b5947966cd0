import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

import { securityHeaders } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");


const nextConfig: NextConfig = {
  poweredByHeader: false,
  // .next/standalone: the server's files and only the node_modules they use, for the container
  // image (Dockerfile). `npm start` keeps serving .next as before (lib/runtime/next-app.ts).
  output: "standalone",
  // forbidden() / unauthorized() from next/navigation for the staff area's role checks.
  experimental: {
    authInterrupts: true,
    // The portal copy editor posts a logo and a background image (1 MB each at most,
    // lib/assets/image-upload.ts) with its fields; the default limit is 1 MB in all.
    serverActions: { bodySizeLimit: "3mb" },
  },
  // Native/WASM packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss", "lightningcss", "esbuild", "prom-client", "pino"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders.filter(({ key }) => key !== "Content-Security-Policy") },
      // The baseline policy, except where the page brings its own: the guest pages (the script's
      // hash; in development Next serves them) and the copy preview, which is one. A second
      // policy header would be enforced as well, and block their script or frame. Next's pages
      // get theirs, with a nonce, from proxy.ts, which replaces this one. The SAML IdP's guest
      // pages (app/api/saml/idp) bring theirs too: it lets their form post to the website's ACS URL.
      { source: "/:path((?!p/|admin/copy-preview/|api/saml/idp/).*)", headers: securityHeaders.filter(({ key }) => key === "Content-Security-Policy") },
      // Venue images (app/assets): opened on their own, never a document that could run anything.
      { source: "/assets/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }] },
      // The copy editor shows this staff-only preview in a phone-sized frame on its own page;
      // later entries override earlier ones for the same header.
      {
        source: "/admin/copy-preview/:path*",
        // Its policy (the guest pages' own, framed by this site) comes with the page itself.
        headers: [{ key: "X-Frame-Options", value: "SAMEORIGIN" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
