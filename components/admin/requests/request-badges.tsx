import { Badge } from "@/components/ui/badge";

export const requestKindNames: Record<string, string> = {
  ACCESS: "Access (art. 15)",
  ERASURE: "Erasure (art. 17)",
  RECTIFICATION: "Rectification (art. 16)",
  OBJECTION: "Objection (art. 21)",
};

const statusNames: Record<string, string> = { RECEIVED: "Received", IN_PROGRESS: "In progress", DONE: "Done", REFUSED: "Refused" };

export function RequestStatusBadge({ status }: { status: string }) {
  const tone = status === "DONE" ? "success" : status === "REFUSED" ? "neutral" : status === "IN_PROGRESS" ? "info" : "warning";
  return <Badge tone={tone}>{statusNames[status] ?? status}</Badge>;
}

/** The deadline, and whether it is passed or close: the queue's highlight. */
export function DueBadge({ dueAt, urgency }: { dueAt: Date; urgency: string }) {
  const day = dueAt.toISOString().slice(0, 10);
  if (urgency === "overdue") return <Badge tone="danger">Overdue since {day}</Badge>;
  if (urgency === "nearDue") return <Badge tone="warning">Due {day}</Badge>;
  return <span className="text-sm tabular-nums">{day}</span>;
}
