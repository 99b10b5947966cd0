const allowedProtocols = new Set(["http:", "https:", "mailto:"]);

/**
 * The only links marketer-written copy may carry: absolute http, https and mailto URLs.
 * Anything else (javascript:, data:, vbscript:, relative paths, garbage) becomes no link.
 */
export function safeLinkUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return allowedProtocols.has(parsed.protocol) ? parsed.href : null;
}
