import "server-only";

import { createRequire } from "node:module";
import path from "node:path";

import type { ReactElement } from "react";

// Next compiles route handlers with the "react-server" export condition, under which
// react-dom/server refuses to load: it is meant for the RSC → HTML pipeline Next owns, and
// that pipeline always ships React's client runtime. Guest pages need neither: they are
// static markup with plain forms. So React's classic server renderer is loaded the way Node
// loads it, outside the bundle. The elements the bundle's JSX runtime creates are plain
// objects tagged with global symbols, which any React 19 renderer reads.
const nodeRequire = createRequire(path.join(process.cwd(), "package.json"));
const { renderToStaticMarkup } = nodeRequire("react-dom/server") as typeof import("react-dom/server");

/** A complete HTML document for a guest page (a `<PortalDocument>` element). */
export function renderDocument(document: ReactElement): string {
  return `<!doctype html>${renderToStaticMarkup(document)}`;
}

/** Markup for a fragment (no doctype), e.g. to remember a rendering that rarely changes. */
export function renderFragment(element: ReactElement): string {
  return renderToStaticMarkup(element);
}
