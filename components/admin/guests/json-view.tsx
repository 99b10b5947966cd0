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

function Scalar({ value, muted = false }: { value: string; muted?: boolean }) {
  return <span className={muted ? "text-slate-500 italic" : "font-mono text-[0.8125rem] text-slate-900"}>{value}</span>;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}
