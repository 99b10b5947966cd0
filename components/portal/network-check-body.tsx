export interface NetworkCheckRow {
  /** What the technician reads: `portico.example.org:443`. */
  label: string;
  why: string;
  /** The URL the script asks for; null when the entry cannot be asked for directly (*.domain). */
  probeUrl: string | null;
  /** The row that must fail before sign-in: a host outside the walled garden. */
  expectBlocked?: boolean;
}

interface NetworkCheckBodyProps {
  gatewayName: string;
  rows: readonly NetworkCheckRow[];
}

const outcomeWords = {
  "data-checking": "Checking…",
  "data-reachable": "Reachable",
  "data-unreachable": "Not reachable",
  "data-uncheckable": "Cannot be checked from an https page (plain http)",
};

const blockedWords = {
  ...outcomeWords,
  "data-reachable": "Reachable: devices get out before signing in, or this one is already online",
  "data-unreachable": "Blocked, as it should be before sign-in",
};

/**
 * The technician's walled-garden check: every host the sign-in needs, asked for from this
 * device by the page's script. Without JavaScript it is the list to compare with the controller.
 */
export function NetworkCheckBody({ gatewayName, rows }: NetworkCheckBodyProps) {
  return (
    <>
      <p>
        Open this page on the guest network <strong>before signing in</strong>. It checks, from this device, that everything the sign-in at{" "}
        <strong>{gatewayName}</strong> needs is in the walled garden.
      </p>
      {/* Said until the script replaces it: a <noscript> would not show where scripts are merely blocked. */}
      <p id="check-summary" role="status" data-running="Checking each host from this device…" data-all-good="Everything the sign-in needs is reachable." data-some-failed="{count} check(s) failed: see below.">
        This check needs JavaScript. Without it, compare this list with the controller&apos;s walled garden.
      </p>
      <ul className="host-checks">
        {rows.map((row) => (
          <li key={row.label + (row.expectBlocked ? " blocked" : "")} data-probe={row.probeUrl ?? undefined} data-expect={row.expectBlocked ? "blocked" : "reachable"} {...(row.expectBlocked ? blockedWords : outcomeWords)}>
            <span className="host">{row.label}</span>
            <span className="why">{row.why}</span>
            <span className="result" data-result="">
              {row.probeUrl ? "" : "Covers several names: check one of them by adding it as an extra host."}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
