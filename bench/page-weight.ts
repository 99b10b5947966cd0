// How much a guest's phone downloads for each portal page, on a captive network where every
// byte counts. Serves the production build on a throwaway database (e2e/support/serve.ts),
// walks a journey the way a browser does, then fetches the splash, login and consent pages
// and every script and stylesheet they reference. Prints figures; asserts nothing.
//
//   npm run bench:page-weight
import { spawn, type ChildProcess } from "node:child_process";
import { gzipSync } from "node:zlib";

import { chromium } from "@playwright/test";

import { chromiumArgs, chromiumExecutable, e2eRun } from "../e2e/support/run";

const run = e2eRun();
const userAgent =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const gateway = "client_mac=AA-BB-CC-DD-EE-02&client_ip=10.0.0.6&ap_mac=00:11:22:33:44:55&url=https://example.com/";

interface PageWeight {
  page: string;
  html: Buffer;
  scripts: Buffer[];
  inlineScripts: Buffer[];
  styles: Buffer[];
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

/** Splash → email → consent in a real browser; returns the three page URLs of that journey. */
async function walkJourney(): Promise<Record<string, string>> {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ userAgent, locale: "en-GB" });
    const splash = `${run.baseURL}/p/demo?${gateway}`;
    await page.goto(splash);
    await page.getByRole("button", { name: "Continue with email" }).click();
    await page.waitForURL(/\/login\?/);
    const login = page.url();
    await page.getByLabel("Email").fill(`bench.${Date.now()}@example.com`);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/consent\?/);
    return { splash, login, consent: page.url() };
  } finally {
    await browser.close();
  }
}

async function download(url: string): Promise<Buffer> {
  const response = await fetch(url, { headers: { "user-agent": userAgent, "accept-language": "en-GB" } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag)?.[1]?.replaceAll("&amp;", "&");
}

async function weigh(name: string, url: string): Promise<PageWeight> {
  const html = await download(url);
  const text = html.toString("utf8");
  const scriptTags = [...text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  const scriptUrls = new Set(scriptTags.map((m) => attribute(m[1]!, "src")).filter((src): src is string => Boolean(src)));
  const inlineScripts = scriptTags.filter((m) => !attribute(m[1]!, "src")).map((m) => Buffer.from(m[2]!, "utf8"));
  const styleUrls = new Set(
    [...text.matchAll(/<link\b[^>]*>/gi)]
      .map((m) => m[0])
      .filter((tag) => attribute(tag, "rel")?.split(/\s+/).includes("stylesheet"))
      .map((tag) => attribute(tag, "href"))
      .filter((href): href is string => Boolean(href)),
  );
  const fetchAll = (urls: Set<string>) => Promise.all([...urls].map((u) => download(new URL(u, url).toString())));
  return { page: name, html, scripts: await fetchAll(scriptUrls), inlineScripts, styles: await fetchAll(styleUrls) };
}

const sum = (buffers: Buffer[]) => buffers.reduce((total, b) => total + b.length, 0);
const gz = (buffers: Buffer[]) => buffers.reduce((total, b) => total + gzipSync(b).length, 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(weights: PageWeight[]): void {
  const header = ["page", "HTML", "HTML gz", "scripts (src+inline)", "JS", "JS gz", "inline JS", "CSS", "CSS gz"];
  const rows = weights.map((w) => [
    w.page,
    kb(w.html.length),
    kb(gzipSync(w.html).length),
    `${w.scripts.length}+${w.inlineScripts.length}`,
    kb(sum(w.scripts)),
    kb(gz(w.scripts)),
    kb(sum(w.inlineScripts)),
    kb(sum(w.styles)),
    kb(gz(w.styles)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
  console.log(
    "\nJS = external script files (each counted once per page); inline JS = <script> bodies in the HTML (RSC payload),\n" +
      "already included in HTML. gz = gzip level 6 computed here, per file.",
  );
}

const server = startServer();
try {
  await waitUntilServing(server);
  const urls = await walkJourney();
  const weights: PageWeight[] = [];
  for (const [name, url] of Object.entries(urls)) weights.push(await weigh(name, url));
  printTable(weights);
} finally {
  await stopServer(server);
}
