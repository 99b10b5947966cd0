import Markdown, { type Components } from "react-markdown";

import { safeLinkUrl } from "@/lib/portal-copy/safe-link";

const allowedElements = ["p", "strong", "em", "a", "ul", "ol", "li", "br", "h2", "h3", "blockquote", "code"];

const components: Components = {
  // A link whose URL was refused keeps its words but stops being a link.
  a: ({ href, children }) =>
    href ? (
      <a href={href} rel="noopener noreferrer">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

/**
 * Marketer-written Markdown rendered on the server as React elements, so guest pages gain
 * no JavaScript: raw HTML is dropped (no rehype-raw), only plain formatting survives, and
 * links keep http, https and mailto URLs only.
 */
export function MarkdownBody({ children }: { children: string }) {
  return (
    <Markdown skipHtml allowedElements={allowedElements} unwrapDisallowed urlTransform={(url) => safeLinkUrl(url)} components={components}>
      {children}
    </Markdown>
  );
}

/** The same, in the portal's Markdown block. */
export function MarkdownText({ children }: { children: string }) {
  return (
    <div className="markdown">
      <MarkdownBody>{children}</MarkdownBody>
    </div>
  );
}

/**
 * Markdown already rendered by MarkdownBody (and so already sanitised: React escaped every
 * text, and only the allowed elements and links survived), in the portal's Markdown block.
 */
export function RenderedMarkdown({ html }: { html: string }) {
  return <div className="markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
