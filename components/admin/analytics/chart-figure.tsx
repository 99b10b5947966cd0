import type { ReactNode } from "react";

import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import type { ChartTable } from "@/lib/analytics/chart-tables";
import { formatCount } from "@/lib/analytics/format";

/**
 * One chart: its title, the SVG (drawn on the server, no script), a sentence saying what it
 * shows, and the same numbers as a table in a <details> (the text alternative), with the CSV.
 */
export function ChartFigure({ id, title, summary, table, csvHref, children }: { id: string; title: string; summary: string; table: ChartTable; csvHref: string; children: ReactNode }) {
  return (
    <Card className="break-inside-avoid">
      <CardHeader className="flex flex-wrap items-baseline justify-between gap-2">
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        <a href={csvHref} className="text-sm text-brand hover:underline print:hidden" download>
          Download CSV<span className="sr-only"> of {title.toLowerCase()}</span>
        </a>
      </CardHeader>
      <CardContent>
        <figure aria-labelledby={`${id}-title`} className="space-y-2">
          {children}
          <figcaption id={`${id}-summary`} className="text-xs text-slate-600">
            {summary}
          </figcaption>
          <ChartDetails title={title} table={table} />
        </figure>
      </CardContent>
    </Card>
  );
}

export function ChartDetails({ title, table }: { title: string; table: ChartTable }) {
  return (
    <details className="text-sm" data-chart-table>
      <summary className="cursor-pointer text-brand print:hidden">The figures as a table</summary>
      {/* Focusable, so a keyboard can scroll a long or wide table. */}
      <div className="mt-2 max-h-96 overflow-auto" tabIndex={0} role="region" aria-label={`${title}: the figures`}>
        <table className="w-full text-left text-xs tabular-nums">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col" className="border-b border-slate-200 py-1 pr-3 font-semibold text-slate-700">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j} className="border-b border-slate-100 py-1 pr-3 text-slate-900">
                    {typeof cell === "number" ? formatCount(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
