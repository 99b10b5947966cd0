import Markdown from "react-markdown";

const allowedElements = ["p", "strong", "em", "a", "ul", "ol", "li", "br", "h2", "h3", "blockquote", "code"];

/**
 * Marketer-written Markdown rendered on the server as React elements: raw HTML is dropped,
 * only plain formatting survives, and react-markdown's URL filter removes javascript: links.
 */
export function MarkdownText({ children }: { children: string }) {
  return (
    <div className="markdown">
      <Markdown skipHtml allowedElements={allowedElements} unwrapDisallowed>
        {children}
      </Markdown>
    </div>
  );
}
