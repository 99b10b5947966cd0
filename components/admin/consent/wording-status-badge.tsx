import { Badge } from "@/components/ui/badge";
import { statusLabels, type WordingStatus } from "@/lib/consent/wording/view-types";

const tones = {
  DRAFT: "neutral",
  IN_REVIEW: "warning",
  APPROVED: "info",
  REJECTED: "danger",
  PUBLISHED: "success",
  RETIRED: "neutral",
} as const;

export function WordingStatusBadge({ status }: { status: WordingStatus }) {
  return <Badge tone={tones[status]}>{statusLabels[status]}</Badge>;
}
