import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";

import { weekdays } from "@/lib/analytics/chart-tables";

const width = 720;
const height = 200;
const margin = { top: 4, right: 4, bottom: 20, left: 36 };
const hours = Array.from({ length: 24 }, (_, h) => h);

/** Busiest hours: visits by weekday and local hour, darker is busier. */
export function HeatmapChart({ id, grid }: { id: string; grid: number[][] }) {
  const max = Math.max(1, ...grid.flat());
  const x = scaleBand<number>({ domain: hours, range: [0, width - margin.left - margin.right], padding: 0.06 });
  const y = scaleBand<number>({ domain: [0, 1, 2, 3, 4, 5, 6], range: [0, height - margin.top - margin.bottom], padding: 0.06 });
  const opacity = scaleLinear<number>({ domain: [0, max], range: [0.05, 1] });
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-summary`} className="h-52 w-full">
      <Group left={margin.left} top={margin.top}>
        {grid.map((row, d) => (
          <g key={d}>
            <text x={-6} y={(y(d) ?? 0) + y.bandwidth() / 2} dy="0.32em" textAnchor="end" className="fill-slate-600 text-[10px]">
              {weekdays[d]!.slice(0, 3)}
            </text>
            {row.map((visits, h) => (
              <Bar key={h} x={x(h)} y={y(d)} width={x.bandwidth()} height={y.bandwidth()} className="fill-brand" fillOpacity={opacity(visits)}>
                <title>{`${weekdays[d]} ${String(h).padStart(2, "0")}:00: ${visits} visits`}</title>
              </Bar>
            ))}
          </g>
        ))}
        {hours
          .filter((h) => h % 3 === 0)
          .map((h) => (
            <text key={h} x={(x(h) ?? 0) + x.bandwidth() / 2} y={height - margin.top - 6} textAnchor="middle" className="fill-slate-600 text-[10px]">
              {String(h).padStart(2, "0")}
            </text>
          ))}
      </Group>
    </svg>
  );
}
