import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import type { DashboardFilters } from "@/lib/analytics/schemas";

/** The dashboard's filters: a plain GET form, so links can be shared and it works without JavaScript. */
export function FilterForm({
  action,
  filters,
  venues,
  zones,
  fieldErrors,
}: {
  action: string;
  filters: DashboardFilters;
  venues: { id: string; name: string; timezone: string }[];
  zones: { id: string; name: string }[];
  fieldErrors: Record<string, string[]>;
}) {
  const error = (field: string) =>
    fieldErrors[field]?.length ? (
      <p id={`filter-${field}-error`} className="mt-1 text-xs text-red-800">
        {fieldErrors[field]!.join(" ")}
      </p>
    ) : null;
  const invalid = (field: string) => (fieldErrors[field]?.length ? { "aria-invalid": true, "aria-describedby": `filter-${field}-error` } : {});
  return (
    <form method="get" action={action} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6 print:hidden" aria-label="Dashboard filters">
      <div className="lg:col-span-2">
        <Label htmlFor="filter-venue">Venue</Label>
        <Select id="filter-venue" name="venue" defaultValue={filters.venue ?? ""} {...invalid("venue")}>
          <option value="">All venues (each in its own time zone)</option>
          {venues.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({v.timezone})
            </option>
          ))}
        </Select>
        {error("venue")}
      </div>
      <div>
        <Label htmlFor="filter-zone">Zone</Label>
        <Select id="filter-zone" name="zone" defaultValue={filters.zone ?? ""} disabled={zones.length === 0} {...invalid("zone")}>
          <option value="">{zones.length === 0 ? "Choose a venue first" : "All zones"}</option>
          {zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </Select>
        {error("zone")}
      </div>
      <div>
        <Label htmlFor="filter-from">From</Label>
        <Input id="filter-from" name="from" type="date" defaultValue={filters.from} required {...invalid("from")} />
        {error("from")}
      </div>
      <div>
        <Label htmlFor="filter-to">To</Label>
        <Input id="filter-to" name="to" type="date" defaultValue={filters.to} required {...invalid("to")} />
        {error("to")}
      </div>
      <div>
        <Label htmlFor="filter-granularity">Per</Label>
        <Select id="filter-granularity" name="granularity" defaultValue={filters.granularity} {...invalid("granularity")}>
          <option value="hour">Hour</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </Select>
        {error("granularity")}
      </div>
      <div className="flex items-end gap-3 lg:col-span-6">
        <Button type="submit">Show</Button>
      </div>
    </form>
  );
}
