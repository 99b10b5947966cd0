/** The request header proxy.ts sets on staff pages: the path and query that were asked for. */
export const staffPathHeader = "x-portico-staff-path";

/** Only staff-area paths on this site: a sign-in link must not be able to send staff elsewhere. */
export function safeStaffCallback(value: string | null | undefined): string {
  return value && value.startsWith("/admin") && !value.startsWith("//") && !value.startsWith("/admin/sign-in") ? value : "/admin";
}
