import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { getOverviewCounts } from "@/lib/staff/overview";

export default async function OverviewPage() {
  await requireStaff("guests.view");
  const counts = await getOverviewCounts();
  const tiles = [
    { label: "Venues", value: counts.venues },
    { label: "Guests", value: counts.guests },
    { label: "Visits (7 days)", value: counts.visitsLastWeek },
    { label: "Wording awaiting review", value: counts.wordingInReview },
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Overview</h1>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {tiles.map((tile) => (
          <Card key={tile.label}>
            <CardHeader>
              <CardTitle className="text-sm font-medium text-slate-600">{tile.label}</CardTitle>
            </CardHeader>
            <CardContent>
              <p className="text-3xl font-semibold tabular-nums">{tile.value.toLocaleString("en-GB")}</p>
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}
