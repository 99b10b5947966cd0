import { Timestamp } from "@/components/admin/timestamp";
import { Badge } from "@/components/ui/badge";
import type { AuditListEntry } from "@/lib/audit/list-audit-entries";

import { SnapshotDiff } from "./snapshot-diff";

/** Audit entries, newest first: who did what to which record, when, from where, and the change. */
export function AuditEntryList({ entries }: { entries: AuditListEntry[] }) {
  return (
    <ol className="space-y-4" aria-label="Audit entries, newest first">
      {entries.map((entry) => (
        <li key={entry.id}>
          <article aria-labelledby={`audit-${entry.id}`} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
              <h2 id={`audit-${entry.id}`} className="font-mono text-sm font-semibold">
                {entry.action}
              </h2>
              <span className="text-sm text-slate-700">
                on <span className="font-medium">{entry.entityType}</span>
                {entry.entityId ? (
                  <>
                    {" "}
                    <code className="font-mono text-xs">{entry.entityId}</code>
                  </>
                ) : null}
              </span>
              <span className="ml-auto text-sm text-slate-700">
                <Timestamp at={entry.at} />
              </span>
            </header>
            <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span>
                By{" "}
                {entry.actor ? (
                  <span className="font-medium">{entry.actor.email}</span>
                ) : (
                  <span className="italic">{entry.actorDescription ?? "no staff account (system or command line)"}</span>
                )}
              </span>
              {entry.actor ? <Badge tone="info">{entry.actor.role}</Badge> : null}
              <span className="text-slate-500">·</span>
              <span>
                IP <span className="font-mono">{entry.ip ?? "not recorded"}</span>
              </span>
              <span className="text-slate-500">· entry #{entry.id}</span>
            </p>
            <div className="mt-3">
              <SnapshotDiff before={entry.before} after={entry.after} />
            </div>
          </article>
        </li>
      ))}
    </ol>
  );
}
