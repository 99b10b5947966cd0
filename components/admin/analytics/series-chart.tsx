import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar, LinePath } from "@visx/shape";

import type { SeriesPoint } from "@/lib/analytics/dashboard-queries";
import { formatCount } from "@/lib/analytics/format";

const width = 720;
const height = 220;
const margin = { top: 10, right: 8, bottom: 24, left: 44 };

/** Visits as bars and unique guests as a line, per hour, day or week (visx scales and shapes, SVG on the server). */
export function SeriesChart({ id, series }: { id: string; series: SeriesPoint[] }) {
  const innerWidth = width - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const max = Math.max(1, ...series.map((s) => Math.max(s.visits, s.uniqueGuests)));
  const x = scaleBand<string>({ domain: series.map((s) => s.bucket), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const labelEvery = Math.max(1, Math.ceil(series.length / 8));
  // Counts are whole numbers: no 0.2-visit gridlines when the busiest bar is small.
  const ticks = y.ticks(4).filter(Number.isInteger);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`} className="h-56 w-full">
      <Group left={margin.left} top={margin.top}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={0} x2={innerWidth} y1={y(t)} y2={y(t)} className="stroke-slate-200" />
            <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]">
              {formatCount(t)}
            </text>
          </g>
        ))}
        {series.map((s, i) => (
          <g key={s.bucket}>
            <Bar x={x(s.bucket)} y={y(s.visits)} width={x.bandwidth()} height={innerHeight - y(s.visits)} className="fill-brand">
              <title>{`${s.bucket.replace("T", " ")}: ${s.visits} visits, ${s.uniqueGuests} unique guests`}</title>
            </Bar>
            {i % labelEvery === 0 ? (
              <text x={(x(s.bucket) ?? 0) + x.bandwidth() / 2} y={innerHeight + 14} textAnchor="middle" className="fill-slate-600 text-[10px]">
                {s.bucket.endsWith("T00:00") ? s.bucket.slice(5, 10) : s.bucket.slice(11)}
              </text>
            ) : null}
          </g>
        ))}
        <LinePath data={series} x={(s) => (x(s.bucket) ?? 0) + x.bandwidth() / 2} y={(s) => y(s.uniqueGuests)} className="fill-none stroke-amber-600" strokeWidth={2} />
      </Group>
    </svg>
  );
}
