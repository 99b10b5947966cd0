// How much a guest's phone downloads for each portal page, on a captive network where every
// byte counts. Serves the production build on a throwaway database (e2e/support/serve.ts),
// walks the email journey (splash → consent → success) and the loyalty form in Chromium the
// way a guest does, and counts every response the browser received: the documents and anything
// they pulled in. Prints figures; asserts nothing.
//
//   npm run bench:page-weight
import { spawn, type ChildProcess } from "node:child_process";
import { gzipSync } from "node:zlib";

import { chromium, type Page, type Response } from "@playwright/test";

import { chromiumArgs, chromiumExecutable, e2eRun } from "../e2e/support/run";

const run = e2eRun();
const userAgent =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const gateway = "client_mac=AA-BB-CC-DD-EE-02&client_ip=10.0.0.6&ap_mac=00:11:22:33:44:55&url=https://example.com/";

interface PageWeight {
  page: string;
  html: Buffer;
  inlineScript: number;
  inlineStyle: number;
  /** Everything else the page loaded: scripts, stylesheets, fonts, images. */
  resources: Buffer[];
  /** Requests the browser made for this page, redirects included. */
  requests: number;
}

function startServer(): ChildProcess {
  // Its own process group, so one signal reaches the serve script and the app under it.
  return spawn("node_modules/.bin/tsx", ["e2e/support/serve.ts"], { stdio: ["ignore", "ignore", "inherit"], detached: true });
}

async function waitUntilServing(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the serve script exited (${server.exitCode})`);
    const ok = await fetch(`${run.baseURL}/p/demo`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${run.baseURL} did not come up within 240 s`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.pid === undefined) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid, "SIGTERM");
  await exited;
}

const bytesOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, m) => total + Buffer.byteLength(m[1]!), 0);

/** Records what the browser receives while `step` runs, as the weight of the page it ends on. */
async function weigh(page: Page, name: string, step: () => Promise<unknown>): Promise<PageWeight> {
  const responses: Response[] = [];
  let requests = 0;
  const onRequest = () => void requests++;
  const onResponse = (response: Response) => void responses.push(response);
  page.on("request", onRequest);
  page.on("response", onResponse);
  await step();
  await page.waitForLoadState("load");
  page.off("request", onRequest);
  page.off("response", onResponse);

  const documents = responses.filter((r) => r.request().resourceType() === "document" && r.status() === 200);
  const html = await documents.at(-1)!.body();
  const text = html.toString("utf8");
  const others = responses.filter((r) => r.request().resourceType() !== "document");
  return {
    page: name,
    html,
    inlineScript: bytesOf(text, /<script\b[^>]*>([\s\S]*?)<\/script>/gi),
    inlineStyle: bytesOf(text, /<style\b[^>]*>([\s\S]*?)<\/style>/gi),
    resources: await Promise.all(others.map((r) => r.body().catch(() => Buffer.alloc(0)))),
    requests,
  };
}

/** The email journey and the loyalty form, as a guest's phone goes through them. */
async function walk(): Promise<PageWeight[]> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
  try {
    const context = await browser.newContext({ userAgent, locale: "en-GB", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const splash = await weigh(page, "splash", () => page.goto(`${run.baseURL}/p/demo?${gateway}`));
    await page.getByLabel("Email").fill(`bench.${Date.now()}@example.com`);
    const consent = await weigh(page, "consent", () => Promise.all([page.waitForURL(/\/consent\?/), page.getByRole("button", { name: "Continue with email" }).click()]));
    await page.getByRole("checkbox", { name: "I accept the terms of use" }).check();
    const success = await weigh(page, "success", () => Promise.all([page.waitForURL(/\/success\?/), page.getByRole("button", { name: "Connect" }).click()]));
    const loyalty = await weigh(page, "loyalty form", () => page.goto(`${run.baseURL}/p/demo/loyalty?${gateway}`));
    return [splash, consent, success, loyalty];
  } finally {
    await browser.close();
  }
}

const gz = (buffer: Buffer) => gzipSync(buffer).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(weights: PageWeight[]): void {
  const header = ["page", "requests", "HTML", "HTML gz", "inline CSS", "inline JS", "other files", "other gz", "first load gz"];
  const firstLoad = (w: PageWeight) => gz(w.html) + w.resources.reduce((total, b) => total + gz(b), 0);
  const rows = weights.map((w) => [
    w.page,
    String(w.requests),
    kb(w.html.length),
    kb(gz(w.html)),
    kb(w.inlineStyle),
    kb(w.inlineScript),
    String(w.resources.length),
    kb(w.resources.reduce((total, b) => total + gz(b), 0)),
    kb(firstLoad(w)),
  ]);
  const journey = weights.filter((w) => w.page !== "loyalty form");
  rows.push([
    "email journey",
    String(journey.reduce((total, w) => total + w.requests, 0)),
    kb(journey.reduce((total, w) => total + w.html.length, 0)),
    kb(journey.reduce((total, w) => total + gz(w.html), 0)),
    "",
    "",
    String(journey.reduce((total, w) => total + w.resources.length, 0)),
    "",
    kb(journey.reduce((total, w) => total + firstLoad(w), 0)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log(
    "\nrequests: what the browser asked for to show the page, the POST and its redirect included.\n" +
      "inline CSS/JS: <style>/<script> bodies, already inside HTML. other files: anything the page loaded besides\n" +
      "its document. gz = gzip level 6 computed here. email journey = splash + consent + success.",
  );
}

const server = startServer();
try {
  await waitUntilServing(server);
  printTable(await walk());
} finally {
  await stopServer(server);
}
