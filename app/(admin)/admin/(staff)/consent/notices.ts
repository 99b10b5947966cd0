/** What the purpose+locale page says after a step succeeded (`?notice=`). */
export const wordingNotices = {
  drafted: "Draft saved. Edit it until it reads right, then submit it for review.",
  updated: "Draft updated.",
  submitted: "Submitted for review. Legal can now approve or reject it.",
  approved: "Approved. The wording is frozen and can now be published.",
  rejected: "Rejected. The author sees your comment in the history.",
  published: "Published. Guests see this wording from now on; the previous version is retired.",
  redrafted: "A new draft was started from the rejected version.",
  discarded: "Draft discarded. The audit log keeps what it said.",
  withdrawn: "Withdrawn. This version will not be published; it stays in the history.",
} as const;

export type WordingNotice = keyof typeof wordingNotices;

export function wordingNotice(value: string | undefined): string | null {
  return value && Object.hasOwn(wordingNotices, value) ? wordingNotices[value as WordingNotice] : null;
}
