import "server-only";

import { readFileSync } from "node:fs";
import path from "node:path";

import { transform } from "lightningcss";

import { env } from "@/lib/env";

import { enhancePortalForms } from "./enhance-forms";

// Browsers captive mini-browsers run on today (iOS 14+ Safari, Android System WebView): new
// enough for logical properties, so right-to-left pages need no rewritten rules.
const version = (major: number) => major << 16;
const targets = { safari: version(14), ios_saf: version(14), chrome: version(87), android: version(87), samsung: version(14) };

const stylesheetPath = path.join(process.cwd(), "components/portal/portal.css");

function minifiedStylesheet(): string {
  return transform({ filename: "portal.css", code: readFileSync(stylesheetPath), minify: true, targets }).code.toString();
}

let stylesheet: string | undefined;

/**
 * The guest pages' stylesheet, minified, for a `<style>` element. Read from the source file
 * once (on every call in development, so edits show up on reload).
 */
export function portalStylesheet(): string {
  if (env.NODE_ENV !== "production") return minifiedStylesheet();
  return (stylesheet ??= minifiedStylesheet());
}

/** The guest pages' one script: the build minifies the function, the page inlines its source. */
export const portalScript = `(${enhancePortalForms.toString()})();`;
