// The text of a PDF, page by page, as a reader extracts it (pdf.js, Firefox's PDF engine):
// what a test checks a generated document says.
import { createRequire } from "node:module";
import path from "node:path";

import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// pdf.js reads the standard fonts' metrics from its own package, never from the network.
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;

export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join("\n"));
  }
  await doc.destroy();
  return pages;
}

/** The codes printed on a voucher sheet ("1234 5678" → "12345678"). */
export async function voucherCodesOf(bytes: Uint8Array): Promise<string[]> {
  const text = (await pdfText(bytes)).join("\n");
  return [...text.matchAll(/^(\d{4}(?: \d{1,4})+)$/gm)].map((m) => m[1]!.replace(/ /g, ""));
}
