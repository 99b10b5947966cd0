import { Badge } from "@/components/ui/badge";

/**
 * Whether guests are offered a sponsor, said plainly: a sponsor without a data-processing
 * agreement, or inactive, is never shown, and one without published wording has nothing to show.
 */
export function SponsorStatus({ shown, reasons, publishedLocales }: { shown: boolean; reasons: string[]; publishedLocales: string[] }) {
  if (!shown) {
    return (
      <div className="space-y-1">
        <Badge tone="danger">Not shown to guests</Badge>
        <p className="text-xs text-slate-700">Hidden: {reasons.join(", ")}.</p>
      </div>
    );
  }
  if (publishedLocales.length === 0) {
    return (
      <div className="space-y-1">
        <Badge tone="warning">Waiting for wording</Badge>
        <p className="text-xs text-slate-700">Shown once legal publishes its consent wording.</p>
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <Badge tone="success">Shown to guests</Badge>
      <p className="text-xs text-slate-700">Wording published in {publishedLocales.join(", ")}.</p>
    </div>
  );
}
