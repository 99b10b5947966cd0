import "server-only";

import { LRUCache } from "lru-cache";

import { MarkdownBody } from "@/components/portal/markdown-text";

import { renderFragment } from "./render-html";

// A venue's welcome text changes only when marketing publishes; parsing its Markdown on every
// splash was a tenth of a guest journey's server time. Keyed by the text itself, so a publish
// is a new key and nothing stale is ever served.
const rendered = new LRUCache<string, string>({ max: 500, maxSize: 4_000_000, sizeCalculation: (html, text) => html.length + text.length });

/** The welcome text's Markdown as sanitised HTML (MarkdownBody), rendered once per text. */
export function renderedMarkdown(text: string): string {
  let html = rendered.get(text);
  if (html === undefined) {
    html = renderFragment(<MarkdownBody>{text}</MarkdownBody>);
    rendered.set(text, html);
  }
  return html;
}
