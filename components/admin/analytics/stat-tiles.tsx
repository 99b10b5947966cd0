export interface Stat {
  label: string;
  value: string;
  /** "+12.5%", "−3.0%", "new", "no change". */
  change: string;
  previous: string;
}

/** Headline numbers, each with its change from the period before (a <dl>: each tile is one term and its descriptions). */
export function StatTiles({ stats, previousLabel }: { stats: Stat[]; previousLabel: string }) {
  return (
    <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-6">
      {stats.map((s) => (
        <div key={s.label} className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
          <dt className="text-sm font-medium text-slate-600">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-stat={s.label}>
            {s.value}
          </dd>
          <dd className={`text-xs ${s.change.startsWith("+") ? "text-green-800" : s.change.startsWith("−") ? "text-red-800" : "text-slate-600"}`}>
            {s.change} <span className="text-slate-600">vs {previousLabel} ({s.previous})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
