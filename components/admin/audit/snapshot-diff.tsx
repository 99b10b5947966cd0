import { compareSnapshots, type FieldChange } from "@/lib/audit/compare-snapshots";

const rowTones: Record<FieldChange["kind"], string> = {
  changed: "bg-amber-50",
  added: "bg-green-50",
  removed: "bg-red-50",
  unchanged: "",
};
const kindLabels: Record<FieldChange["kind"], string> = { changed: "Changed", added: "Added", removed: "Removed", unchanged: "Unchanged" };

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="text-slate-400">—</span>;
  if (value === null) return <span className="text-slate-600 italic">empty</span>;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return <span className="font-mono text-xs break-all whitespace-pre-wrap">{text}</span>;
}

/**
 * Before and after of one audit entry, field by field: what changed is highlighted and
 * listed first; fields that stayed the same are folded away but still there to read.
 */
export function SnapshotDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = compareSnapshots(before, after);
  if (changes.length === 0) return <p className="text-sm text-slate-600">No snapshot was recorded for this change.</p>;
  const differing = changes.filter((c) => c.kind !== "unchanged");
  const same = changes.filter((c) => c.kind === "unchanged");
  return (
    <div className="space-y-2">
      {differing.length ? <ChangeTable changes={differing} caption="Fields this change touched" /> : <p className="text-sm text-slate-600">No field changed value.</p>}
      {same.length ? (
        <details>
          <summary className="cursor-pointer text-xs text-slate-600">
            {same.length} unchanged {same.length === 1 ? "field" : "fields"}
          </summary>
          <ChangeTable changes={same} caption="Fields left as they were" />
        </details>
      ) : null}
      <details>
        <summary className="cursor-pointer text-xs text-slate-600">Raw snapshots (JSON)</summary>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs" aria-label="Before, as JSON">{JSON.stringify(before ?? null, null, 2)}</pre>
          <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs" aria-label="After, as JSON">{JSON.stringify(after ?? null, null, 2)}</pre>
        </div>
      </details>
    </div>
  );
}

function ChangeTable({ changes, caption }: { changes: FieldChange[]; caption: string }) {
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-xs text-slate-600">
          <th scope="col" className="w-1/5 px-2 py-1 font-semibold">Field</th>
          <th scope="col" className="w-2/5 px-2 py-1 font-semibold">Before</th>
          <th scope="col" className="w-2/5 px-2 py-1 font-semibold">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} className={rowTones[change.kind]}>
            <th scope="row" className="px-2 py-1 align-top font-mono text-xs font-medium">
              {change.field} <span className="sr-only">({kindLabels[change.kind]})</span>
            </th>
            <td className="px-2 py-1 align-top">
              <Value value={change.before} present={"before" in change} />
            </td>
            <td className="px-2 py-1 align-top">
              <Value value={change.after} present={"after" in change} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
