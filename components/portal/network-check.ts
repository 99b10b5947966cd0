// The walled-garden check's one script (compiled to ES2017 by page-assets.ts). Each row of the
// page names a URL in data-probe; the script asks for it from this device, before sign-in,
// and writes what happened into the row. `no-cors` makes any answer count (an opaque one is
// still an answer). It cannot tell a host's own answer from a gateway intercepting plain HTTP
// and redirecting to its login (no-cors requests must follow redirects), so over http a
// "reachable" is weaker evidence than over https, where an intercepting gateway fails TLS.

type Outcome = "reachable" | "unreachable" | "uncheckable";

const timeoutMs = 8000;

async function probe(url: string): Promise<{ outcome: Outcome; ms: number }> {
  if (location.protocol === "https:" && url.startsWith("http:")) return { outcome: "uncheckable", ms: 0 };
  const started = Date.now();
  const controller = typeof AbortController === "function" ? new AbortController() : null;
  const timer = setTimeout(() => controller?.abort(), timeoutMs);
  try {
    await fetch(url, { mode: "no-cors", cache: "no-store", credentials: "omit", signal: controller?.signal });
    return { outcome: "reachable", ms: Date.now() - started };
  } catch {
    return { outcome: "unreachable", ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

export function runNetworkCheck(): void {
  const rows = Array.prototype.slice.call(document.querySelectorAll("[data-probe]")) as HTMLElement[];
  const summary = document.getElementById("check-summary");
  let failed = 0;
  let done = 0;
  if (summary) summary.textContent = summary.getAttribute("data-running");
  const finish = () => {
    done += 1;
    if (summary && done === rows.length) {
      summary.textContent = failed === 0 ? summary.getAttribute("data-all-good") : (summary.getAttribute("data-some-failed") ?? "").replace("{count}", String(failed));
      summary.setAttribute("data-state", failed === 0 ? "good" : "bad");
    }
  };
  for (const row of rows) {
    const cell = row.querySelector("[data-result]");
    const expectBlocked = row.getAttribute("data-expect") === "blocked";
    if (cell) cell.textContent = row.getAttribute("data-checking");
    void probe(row.getAttribute("data-probe") ?? "").then(({ outcome, ms }) => {
      const good = expectBlocked ? outcome !== "reachable" : outcome === "reachable";
      if (!good && outcome !== "uncheckable") failed += 1;
      row.setAttribute("data-outcome", outcome);
      if (cell) cell.textContent = `${row.getAttribute(`data-${outcome}`) ?? outcome}${outcome === "reachable" ? ` (${ms} ms)` : ""}`;
      finish();
    });
  }
}
