import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const securityHeaders = [
  // Journey tokens ride in portal URLs; no page may hand them to another site in a Referer.
  // Not "no-referrer": with it Chromium sends "Origin: null" on plain form posts, and Next
  // rightly refuses server actions whose origin it cannot check (JavaScript-off guests).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() / unauthorized() from next/navigation for the staff area's role checks.
  experimental: {
    authInterrupts: true,
    // The portal copy editor posts a logo and a background image (1 MB each at most,
    // lib/assets/image-upload.ts) with its fields; the default limit is 1 MB in all.
    serverActions: { bodySizeLimit: "3mb" },
  },
  // Native/WASM packages stay in node_modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "pg-boss", "lightningcss"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Venue images (app/assets): opened on their own, never a document that could run anything.
      { source: "/assets/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; sandbox" }] },
      // The copy editor shows this staff-only preview in a phone-sized frame on its own page;
      // later entries override earlier ones for the same header.
      {
        source: "/admin/copy-preview/:path*",
        headers: [
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
