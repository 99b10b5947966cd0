import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { ConsentHistoryEntry } from "@/lib/guests/guest-profile";

import { Timestamp } from "@/components/admin/timestamp";

const decisionLabels = { granted: "Granted", declined: "Declined", withdrawn: "Withdrawn" } as const;
const decisionTones = { granted: "success", declined: "neutral", withdrawn: "danger" } as const;
const methodLabels = { PORTAL: "Portal (guest ticked or left the box)", WITHDRAWAL: "Withdrawal", STAFF: "Staff", API: "API" } as const;

export function purposeLabel(purpose: ConsentHistoryEntry["purpose"]): string {
  if (purpose.kind === "TERMS") return "Terms of use";
  if (purpose.kind === "MARKETING") return "Marketing";
  return `Sponsor: ${purpose.sponsorName ?? purpose.key.replace(/^sponsor:/, "")}`;
}

function DecisionBadge({ decision }: { decision: ConsentHistoryEntry["decision"] }) {
  return <Badge tone={decisionTones[decision]}>{decisionLabels[decision]}</Badge>;
}

function WordingVersion({ wording }: { wording: ConsentHistoryEntry["wording"] }) {
  return (
    <>
      {wording.locale} v{wording.version} · sha256{" "}
      <code className="font-mono text-xs" title={wording.sha256}>
        {wording.sha256.slice(0, 12)}…
      </code>
    </>
  );
}

/** Where each purpose stands now: the latest decision per purpose. */
export function ConsentStatus({ current }: { current: ConsentHistoryEntry[] }) {
  if (current.length === 0) return <EmptyState title="No consent decisions recorded" />;
  return (
    <Table>
      <caption className="sr-only">Current consent by purpose</caption>
      <thead>
        <tr>
          <Th>Purpose</Th>
          <Th>Venue</Th>
          <Th>Now</Th>
          <Th>Since</Th>
          <Th>Wording</Th>
        </tr>
      </thead>
      <tbody>
        {current.map((entry) => (
          <tr key={entry.id}>
            <Td>{purposeLabel(entry.purpose)}</Td>
            <Td>{entry.venue.name}</Td>
            <Td>
              <DecisionBadge decision={entry.decision} />
            </Td>
            <Td>
              <Timestamp at={entry.recordedAt} timeZone={entry.venue.timezone} />
            </Td>
            <Td>
              <WordingVersion wording={entry.wording} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Every consent record, newest first, each with the exact wording the guest was shown. */
export function ConsentHistory({ entries }: { entries: ConsentHistoryEntry[] }) {
  if (entries.length === 0) return <EmptyState title="No consent records">This guest has not been shown any consent wording.</EmptyState>;
  return (
    <ol className="space-y-4" aria-label="Consent records, newest first">
      {entries.map((entry) => (
        <li key={entry.id}>
          <article aria-labelledby={`consent-${entry.id}`} className="rounded-md border border-slate-200 p-4">
            <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 id={`consent-${entry.id}`} className="font-semibold">
                {purposeLabel(entry.purpose)} <span className="font-normal text-slate-600">at {entry.venue.name}</span>
              </h3>
              <DecisionBadge decision={entry.decision} />
              <span className="text-sm text-slate-700">
                <Timestamp at={entry.recordedAt} timeZone={entry.venue.timezone} />
              </span>
            </header>
            <blockquote className="mt-3 border-l-4 border-slate-300 bg-slate-50 px-3 py-2 text-sm whitespace-pre-wrap">{entry.wording.body}</blockquote>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs text-slate-700">
              <dt className="font-medium">Wording</dt>
              <dd>
                <WordingVersion wording={entry.wording} />
              </dd>
              <dt className="font-medium">Method</dt>
              <dd>{methodLabels[entry.method]}</dd>
              <dt className="font-medium">IP address</dt>
              <dd className="font-mono">{entry.ip ?? "Not recorded"}</dd>
              <dt className="font-medium">User agent</dt>
              <dd className="break-all">{entry.userAgent ?? "Not recorded"}</dd>
            </dl>
          </article>
        </li>
      ))}
    </ol>
  );
}
