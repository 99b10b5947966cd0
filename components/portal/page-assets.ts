import "server-only";

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

import { buildSync } from "esbuild";
import { transform } from "lightningcss";

import { env } from "@/lib/env";


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

const scriptDirectory = path.join(process.cwd(), "components/portal");

/**
 * A guest page's script, compiled from its source file by esbuild, minified and held to
 * ES2017 syntax for old captive mini-browsers, the same whichever loader compiled this module
 * (Next's bundler or Node's).
 */
function builtScript(entry: string, sourcefile: string): string {
  const built = buildSync({
    stdin: { contents: entry, resolveDir: scriptDirectory, loader: "ts", sourcefile },
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2017",
    minify: true,
    legalComments: "none",
    write: false,
  });
  return built.outputFiles[0]!.text.trim();
}

const scriptSource = (script: string) => `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;

/** The journey pages' one script (enhance-forms.ts). */
export const portalScript = builtScript('import { enhancePortalPage } from "./enhance-forms";\nenhancePortalPage();', "portal-script.ts");

/** The script's CSP source ('sha256-…'): the only script a journey page's policy allows. */
export const portalScriptSource = scriptSource(portalScript);

/** The technician's walled-garden check (network-check.ts): probes each host from the device. */
export const networkCheckScript = builtScript('import { runNetworkCheck } from "./network-check";\nrunNetworkCheck();', "network-check-script.ts");
export const networkCheckScriptSource = scriptSource(networkCheckScript);
