import { scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

import { formatCount } from "@/lib/analytics/format";

const width = 480;
const rowHeight = 22;
const labelWidth = 170;

/** A split as horizontal bars, largest first: login methods, devices, languages, zones. */
export function BarListChart({ id, items, unit }: { id: string; items: { label: string; value: number }[]; unit: string }) {
  const total = items.reduce((sum, i) => sum + i.value, 0);
  const x = scaleLinear<number>({ domain: [0, Math.max(1, ...items.map((i) => i.value))], range: [0, width - labelWidth - 70] });
  const height = Math.max(1, items.length) * rowHeight;
  if (items.length === 0) return <p className="text-sm text-slate-600">Nothing in this period.</p>;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`} className="w-full" style={{ maxHeight: height * 1.4 }}>
      {items.map((item, i) => (
        <g key={item.label} transform={`translate(0, ${i * rowHeight})`}>
          <text x={labelWidth - 6} y={rowHeight / 2} dy="0.32em" textAnchor="end" className="fill-slate-700 text-[11px]">
            {item.label.length > 28 ? `${item.label.slice(0, 27)}…` : item.label}
          </text>
          <Bar x={labelWidth} y={3} width={x(item.value)} height={rowHeight - 6} className="fill-brand">
            <title>{`${item.label}: ${item.value} ${unit}`}</title>
          </Bar>
          <text x={labelWidth + x(item.value) + 4} y={rowHeight / 2} dy="0.32em" className="fill-slate-700 text-[11px] tabular-nums">
            {formatCount(item.value)} ({total === 0 ? 0 : Math.round((item.value / total) * 100)}%)
          </text>
        </g>
      ))}
    </svg>
  );
}
