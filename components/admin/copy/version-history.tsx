import type { ReactNode } from "react";

import { Badge } from "@/components/ui/badge";
import { EmptyState, Table, Td, Th } from "@/components/ui/table";
import type { CopyVersionRow } from "@/lib/portal-copy";

import { formatWhen } from "@/components/admin/format-when";

const tones = { DRAFT: "info", PUBLISHED: "success", ARCHIVED: "neutral" } as const;
const labels = { DRAFT: "draft", PUBLISHED: "live", ARCHIVED: "archived" } as const;

/** Every version of one venue's copy in one locale, newest first; `rollBack` renders a row's button. */
export function VersionHistory({ versions, rollBack }: { versions: CopyVersionRow[]; rollBack: (version: CopyVersionRow) => ReactNode }) {
  if (versions.length === 0) return <EmptyState title="No versions yet">Save a draft to start the history.</EmptyState>;
  return (
    <Table>
      <caption className="sr-only">Version history</caption>
      <thead>
        <tr>
          <Th>Version</Th>
          <Th>Headline</Th>
          <Th>Written</Th>
          <Th>Published</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} data-version={v.version}>
            <Td className="whitespace-nowrap">
              v{v.version} <Badge tone={tones[v.status]}>{labels[v.status]}</Badge>
              {v.restoredFromVersion ? <p className="text-xs text-slate-600">copy of v{v.restoredFromVersion}</p> : null}
            </Td>
            <Td className="max-w-56 truncate" title={v.headline}>
              {v.headline}
            </Td>
            <Td className="break-all">
              {v.createdBy ?? "—"}
              <br />
              <span className="text-slate-600">{formatWhen(v.createdAt)}</span>
            </Td>
            <Td className="break-all">
              {v.publishedAt ? (
                <>
                  {v.publishedBy ?? "—"}
                  <br />
                  <span className="text-slate-600">{formatWhen(v.publishedAt)}</span>
                </>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </Td>
            <Td className="w-44 space-y-2 text-right">
              <a className="text-brand hover:underline" href={`/admin/copy-preview/${v.id}`} target="_blank" rel="noopener noreferrer">
                Preview<span className="sr-only"> version {v.version}</span>
              </a>
              {v.status === "ARCHIVED" ? rollBack(v) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
