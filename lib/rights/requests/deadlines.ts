// The answer's deadline (GDPR art. 12(3)): one month from receipt, counted here as 30 days,
// extendable once by two further months (60 days) where the request is complex or one of many.
const day = 24 * 60 * 60 * 1000;
export const answerDays = 30;
export const extensionDays = 60;
/** A request due within this many days is highlighted as near its deadline. */
export const nearDueDays = 7;

export function dueAtFor(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + answerDays * day);
}

export function extendedDueAt(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + (answerDays + extensionDays) * day);
}

export type RequestUrgency = "closed" | "overdue" | "nearDue" | "onTime";

/** How the queue shows a request: answered ones are closed, open ones by their deadline. */
export function requestUrgency(request: { status: string; dueAt: Date }, now: Date): RequestUrgency {
  if (request.status === "DONE" || request.status === "REFUSED") return "closed";
  if (request.dueAt.getTime() <= now.getTime()) return "overdue";
  if (request.dueAt.getTime() - now.getTime() <= nearDueDays * day) return "nearDue";
  return "onTime";
}

/** Statuses a request may move to: received → in progress → done / refused; refusing needs no start. */
const transitions: Record<string, readonly string[]> = {
  RECEIVED: ["IN_PROGRESS", "REFUSED"],
  IN_PROGRESS: ["DONE", "REFUSED"],
  DONE: [],
  REFUSED: [],
};

export function canMoveRequest(from: string, to: string): boolean {
  return transitions[from]?.includes(to) ?? false;
}
