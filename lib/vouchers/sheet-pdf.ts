// The printable sheet: A4, ten cards (2 × 5) a page, each with the venue, the code, its limits,
// its expiry and how to use it. pdf-lib's standard Helvetica is built into every PDF reader,
// so nothing is downloaded or read from disk; it covers Latin-1 (WinAnsi), and anything else
// in a venue's name or label is replaced by "?" rather than failing the print.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";

import { formatWallClock } from "@/lib/time/wall-clock";

import { groupedCode } from "./codes";

export interface SheetInput {
  venueName: string;
  label: string;
  codes: readonly string[];
  accessMinutes: number;
  dataMb: number | null;
  maxDevices: number;
  expiresAt: Date;
  /** The venue's, which the expiry is printed in. */
  timeZone: string;
}

const a4 = { width: 595.28, height: 841.89 };
const margin = 36;
const columns = 2;
const rows = 5;
const cardWidth = (a4.width - 2 * margin) / columns;
const cardHeight = (a4.height - 2 * margin) / rows;

/** What WinAnsi cannot spell becomes "?". */
const printable = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");

function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

/** The limits line of a card, e.g. "2 hours online · 500 MB · up to 2 devices". */
export function limitsLine(input: Pick<SheetInput, "accessMinutes" | "dataMb" | "maxDevices">): string {
  const parts = [`${duration(input.accessMinutes)} online`];
  if (input.dataMb) parts.push(input.dataMb >= 1024 && input.dataMb % 1024 === 0 ? `${input.dataMb / 1024} GB` : `${input.dataMb} MB`);
  parts.push(`up to ${input.maxDevices} device${input.maxDevices === 1 ? "" : "s"}`);
  return parts.join(" - ");
}

function drawCard(page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont; mono: PDFFont }, input: SheetInput, code: string, index: number) {
  const column = index % columns;
  const row = Math.floor(index / columns) % rows;
  const x = margin + column * cardWidth;
  const top = a4.height - margin - row * cardHeight;
  page.drawRectangle({ x: x + 4, y: top - cardHeight + 4, width: cardWidth - 8, height: cardHeight - 8, borderColor: rgb(0.6, 0.6, 0.6), borderWidth: 0.75, borderDashArray: [4, 3] });
  const text = (value: string, dy: number, size: number, font: PDFFont) => page.drawText(printable(value), { x: x + 16, y: top - dy, size, font, maxWidth: cardWidth - 32 });
  text(`${input.venueName} - WiFi`, 26, 12, fonts.bold);
  text(input.label, 40, 8, fonts.regular);
  text(groupedCode(code), 70, 20, fonts.mono);
  text(limitsLine(input), 90, 9, fonts.regular);
  text(`Valid until ${formatWallClock(input.expiresAt, input.timeZone)} (${input.timeZone})`, 103, 9, fonts.regular);
  text('Join the WiFi, open the sign-in page and choose', 122, 8, fonts.regular);
  text('"I have an access code". Type the digits above.', 132, 8, fonts.regular);
}

export async function voucherSheetPdf(input: SheetInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(printable(`${input.venueName} access codes: ${input.label}`));
  doc.setProducer("Portico");
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold), mono: await doc.embedFont(StandardFonts.CourierBold) };
  let page: PDFPage | null = null;
  input.codes.forEach((code, index) => {
    if (index % (columns * rows) === 0) page = doc.addPage([a4.width, a4.height]);
    drawCard(page!, fonts, input, code, index);
  });
  if (input.codes.length === 0) doc.addPage([a4.width, a4.height]);
  return doc.save();
}
