import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { LinePath } from "@visx/shape";

const width = 720;
const height = 200;
const margin = { top: 10, right: 8, bottom: 24, left: 40 };
/** Distinct strokes, also told apart by dash pattern for readers who cannot tell the colours apart. */
const strokes = [
  ["stroke-brand", undefined],
  ["stroke-amber-600", "6 3"],
  ["stroke-emerald-700", "2 3"],
  ["stroke-rose-700", "8 3 2 3"],
  ["stroke-slate-700", "1 2"],
] as const;

export interface TrendLine {
  label: string;
  points: { bucket: string; value: number }[];
}

/** Opt-in rate (percent) per purpose over time, one line each, with a key. */
export function TrendChart({ id, buckets, lines }: { id: string; buckets: string[]; lines: TrendLine[] }) {
  const x = scalePoint<string>({ domain: buckets, range: [0, width - margin.left - margin.right], padding: 0.5 });
  const innerHeight = height - margin.top - margin.bottom;
  const y = scaleLinear<number>({ domain: [0, 100], range: [innerHeight, 0] });
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  if (lines.length === 0) return <p className="text-sm text-slate-600">No optional purposes were shown in this period.</p>;
  return (
    <div className="space-y-1">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`} className="h-52 w-full">
        <Group left={margin.left} top={margin.top}>
          {[0, 25, 50, 75, 100].map((t) => (
            <g key={t}>
              <line x1={0} x2={width - margin.left - margin.right} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
              <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]">
                {t}%
              </text>
            </g>
          ))}
          {buckets.map((b, i) =>
            i % labelEvery === 0 ? (
              <text key={b} x={x(b)} y={innerHeight + 14} textAnchor="middle" className="fill-slate-600 text-[10px]">
                {b.slice(5, 10)}
              </text>
            ) : null,
          )}
          {lines.map((line, i) => {
            const [stroke, dash] = strokes[i % strokes.length]!;
            return (
              <LinePath key={line.label} data={line.points} x={(p) => x(p.bucket) ?? 0} y={(p) => y(p.value)} className={`fill-none ${stroke}`} strokeWidth={2} strokeDasharray={dash} />
            );
          })}
        </Group>
      </svg>
      <ul className="flex flex-wrap gap-4 text-xs text-slate-700">
        {lines.map((line, i) => {
          const [stroke, dash] = strokes[i % strokes.length]!;
          return (
            <li key={line.label} className="inline-flex items-center gap-1">
              <svg width="24" height="8" aria-hidden="true">
                <line x1="0" x2="24" y1="4" y2="4" className={stroke} strokeWidth={2} strokeDasharray={dash} />
              </svg>
              {line.label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
