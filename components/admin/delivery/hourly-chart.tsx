import type { HealthBucket } from "@/lib/delivery/staff/delivery-health";

const hourLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

/**
 * Deliveries per hour as stacked bars (delivered, refused), with the hours vendors throttled or
 * failed marked beneath. Drawn on the server as SVG: nothing to load, readable without
 * JavaScript, and the same figures follow as a table for screen readers and for copying.
 */
export function HourlyChart({ buckets }: { buckets: HealthBucket[] }) {
  const width = 720;
  const height = 160;
  const chartHeight = 130;
  const max = Math.max(1, ...buckets.map((b) => b.delivered + b.rejected));
  const slot = width / Math.max(1, buckets.length);
  const bar = Math.max(2, slot - 4);
  const scale = (n: number) => (n / max) * (chartHeight - 10);

  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="hourly-chart-caption" className="h-40 w-full">
        <line x1={0} x2={width} y1={chartHeight} y2={chartHeight} className="stroke-slate-300" />
        {buckets.map((b, i) => {
          const x = i * slot + 2;
          const delivered = scale(b.delivered);
          const rejected = scale(b.rejected);
          const label = `${hourLabel.format(b.start)} UTC: ${b.delivered} delivered, ${b.rejected} refused, ${b.callErrors} calls throttled or failed`;
          return (
            <g key={b.start.toISOString()}>
              <title>{label}</title>
              <rect x={x} y={chartHeight - delivered} width={bar} height={delivered} className="fill-green-600" />
              <rect x={x} y={chartHeight - delivered - rejected} width={bar} height={rejected} className="fill-red-600" />
              {b.callErrors > 0 ? <rect x={x} y={chartHeight + 6} width={bar} height={6} className="fill-amber-500" /> : null}
              {i % 6 === 0 ? (
                <text x={x} y={height - 2} className="fill-slate-500 text-[10px]">
                  {hourLabel.format(b.start)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption id="hourly-chart-caption" className="flex flex-wrap gap-4 text-xs text-slate-600">
        <span>Records per hour, UTC (most in an hour: {max}).</span>
        <Key className="bg-green-600">delivered</Key>
        <Key className="bg-red-600">refused by the vendor</Key>
        <Key className="bg-amber-500">hours with throttled or failed calls</Key>
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand">The figures as a table</summary>
        <table className="mt-2 text-left text-xs tabular-nums">
          <thead>
            <tr>
              <th className="pr-4">Hour (UTC)</th>
              <th className="pr-4">Delivered</th>
              <th className="pr-4">Refused</th>
              <th>Throttled or failed calls</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start.toISOString()}>
                <td className="pr-4">{hourLabel.format(b.start)}</td>
                <td className="pr-4">{b.delivered}</td>
                <td className="pr-4">{b.rejected}</td>
                <td>{b.callErrors}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Key({ className, children }: { className: string; children: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span aria-hidden className={`inline-block size-3 rounded-sm ${className}`} />
      {children}
    </span>
  );
}
