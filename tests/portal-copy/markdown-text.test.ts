import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { MarkdownText } from "@/components/portal/markdown-text";
import { safeLinkUrl } from "@/lib/portal-copy/safe-link";

const render = (markdown: string) => renderToStaticMarkup(createElement(MarkdownText, null, markdown));

describe("MarkdownText renders marketer copy inert", () => {
  it("keeps plain formatting", () => {
    expect(render("Enjoy **free WiFi** and *coffee*")).toBe('<div class="markdown"><p>Enjoy <strong>free WiFi</strong> and <em>coffee</em></p></div>');
  });

  it("drops a <script> block entirely", () => {
    const html = render("Hello\n\n<script>alert(1)</script>\n\nBye");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("alert(1)");
    expect(html).toContain("<p>Hello</p>");
  });

  it("drops an inline <img onerror> and any event-handler attribute", () => {
    const html = render('Look <img src=x onerror=alert(1)> here <b onclick="alert(2)">bold</b>');
    expect(html).not.toMatch(/<img|onerror|onclick|<b[ >]/i);
  });

  it("drops raw HTML blocks such as iframes and styles", () => {
    const html = render('<iframe src="https://evil.example"></iframe>\n\n<style>body{display:none}</style>\n\n<a href="javascript:alert(1)">x</a>');
    expect(html).not.toMatch(/<iframe|<style|javascript:/i);
  });

  it("turns a javascript: link into plain text", () => {
    const html = render("[click me](javascript:alert(1)) and [this](JaVaScRiPt:alert(1)) and [data](data:text/html,<script>alert(1)</script>)");
    expect(html).not.toMatch(/href|javascript:|data:/i);
    expect(html).toContain("<span>click me</span>");
  });

  it("drops Markdown images, which would load from other hosts", () => {
    expect(render("![x](https://evil.example/x.png)")).not.toMatch(/<img/);
  });

  it("keeps http(s) and mailto links, marked noopener noreferrer", () => {
    const html = render("[Menu](https://example.com/menu) or [mail us](mailto:hi@example.com)");
    expect(html).toContain('<a href="https://example.com/menu" rel="noopener noreferrer">Menu</a>');
    expect(html).toContain('<a href="mailto:hi@example.com" rel="noopener noreferrer">mail us</a>');
  });
});

describe("safeLinkUrl", () => {
  it.each(["javascript:alert(1)", " javascript:alert(1)", "vbscript:x", "data:text/html,hi", "/relative", "//evil.example", "not a url"])("refuses %s", (url) => {
    expect(safeLinkUrl(url)).toBeNull();
  });
  it.each([["https://example.com", "https://example.com/"], ["http://example.com/a?b=c", "http://example.com/a?b=c"], ["mailto:a@b.c", "mailto:a@b.c"]])(
    "keeps %s",
    (url, expected) => {
      expect(safeLinkUrl(url)).toBe(expected);
    },
  );
});
