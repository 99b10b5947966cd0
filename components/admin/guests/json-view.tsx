/**
 * JSON laid out for reading: objects as labelled rows (nested ones indented), arrays as
 * lists, scalars as text. Staff read visitor data and event payloads here without
 * squinting at braces.
 */
export function JsonView({ value, emptyText = "Nothing recorded." }: { value: unknown; emptyText?: string }) {
  if (isEmpty(value)) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return <JsonValue value={value} />;
}

function JsonValue({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <Scalar value="(empty list)" muted />;
    if (isListOfFlatRecords(value)) return <RecordTable rows={value} />;
    return (
      <ol className="list-decimal space-y-1 pl-5">
        {value.map((item, index) => (
          <li key={index}>
            <JsonValue value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return <Scalar value="(empty)" muted />;
    return (
      <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-4 gap-y-1 text-sm">
        {entries.map(([key, item]) => (
          <div key={key} className="contents">
            <dt className="font-medium text-slate-700">{key}</dt>
            <dd className="min-w-0 break-words">
              <JsonValue value={item} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (value === null) return <Scalar value="null" muted />;
  return <Scalar value={String(value)} />;
}

/** A list of flat records (e.g. an event's consent decisions) reads best as a small table. */
function RecordTable({ rows }: { rows: Record<string, unknown>[] }) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <table className="border-collapse text-left text-xs">
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col" className="border-b border-slate-200 px-2 py-1 font-medium text-slate-700">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {columns.map((column) => (
              <td key={column} className="border-b border-slate-100 px-2 py-1 break-all">
                {column in row ? <JsonValue value={row[column]} /> : null}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const sha256Pattern = /^[0-9a-f]{64}$/;

function Scalar({ value, muted = false }: { value: string; muted?: boolean }) {
  if (muted) return <span className="text-slate-500 italic">{value}</span>;
  // Hashes are recognised by their first characters; the full value stays in the tooltip.
  if (sha256Pattern.test(value)) {
    return (
      <span className="font-mono text-[0.8125rem] text-slate-900" title={value}>
        {value.slice(0, 12)}…
      </span>
    );
  }
  return <span className="font-mono text-[0.8125rem] text-slate-900">{value}</span>;
}

function isListOfFlatRecords(value: unknown[]): value is Record<string, unknown>[] {
  return value.every(
    (item) => typeof item === "object" && item !== null && !Array.isArray(item) && Object.values(item).every((v) => v === null || typeof v !== "object"),
  );
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}
