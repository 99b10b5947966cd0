import type { ReactNode } from "react";

import { Card, CardContent, CardHeader } from "@/components/ui/card";
import type { WordingVersion } from "@/lib/consent/wording/view-types";

import { formatWhen } from "@/components/admin/format-when";
import { WordingStatusBadge } from "./wording-status-badge";

/**
 * One version of a wording: who wrote and reviewed it, its words (or their comparison with
 * the live text) and whatever the viewer may do with it next.
 */
export function WordingVersionCard({ version, comparison, children }: { version: WordingVersion; comparison?: ReactNode; children?: ReactNode }) {
  return (
    <Card id={`version-${version.id}`} className="scroll-mt-4">
      <CardHeader className="flex flex-wrap items-center gap-3">
        <h3 className="text-base font-semibold">Version {version.version}</h3>
        <WordingStatusBadge status={version.status} />
        <p className="text-xs text-slate-600">
          Drafted by {version.author ?? "someone not recorded"} · <time dateTime={version.createdAt.toISOString()}>{formatWhen(version.createdAt)}</time>
        </p>
      </CardHeader>
      <CardContent className="space-y-4">
        {version.reviewedAt ? (
          <p className="text-sm text-slate-700">
            {version.status === "REJECTED" ? "Rejected" : "Approved"} by {version.reviewer ?? "someone not recorded"} ·{" "}
            <time dateTime={version.reviewedAt.toISOString()}>{formatWhen(version.reviewedAt)}</time>
            {version.reviewComment ? (
              <>
                {" "}
                — <q className="italic">{version.reviewComment}</q>
              </>
            ) : null}
          </p>
        ) : null}
        {comparison ?? <WordingBody body={version.body} />}
        {children ? <div className="space-y-3 border-t border-slate-100 pt-4">{children}</div> : null}
      </CardContent>
    </Card>
  );
}

export function WordingBody({ body }: { body: string }) {
  return <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm leading-relaxed">{body}</p>;
}
