import { parse } from "acorn";
import { describe, expect, it } from "vitest";

import { portalScript, portalStylesheet } from "./page-assets";

describe("the guest pages' inline assets", () => {
  it("the script is plain ES2017, so the oldest captive mini-browsers run it", () => {
    expect(() => parse(portalScript, { ecmaVersion: 2017, sourceType: "script" })).not.toThrow();
    // And it runs on its own: nothing it calls is missing (a bundler helper, say).
    const listeners: string[] = [];
    const document = { body: { getAttribute: () => null }, querySelectorAll: () => [], getElementById: () => null };
    const window = { history: {}, addEventListener: (type: string) => listeners.push(type) };
    expect(() => new Function("document", "window", portalScript)(document, window)).not.toThrow();
    expect(listeners).toEqual(["pageshow"]);
  });

  it("the script cannot end the <script> element it is inlined in", () => {
    expect(portalScript).not.toMatch(/<\/script/i);
  });

  it("the stylesheet is minified and cannot end its <style> element", () => {
    const css = portalStylesheet();
    expect(css).not.toMatch(/<\/style/i);
    expect(css).not.toContain("/*");
    expect(css).toContain(".portal");
  });
});
