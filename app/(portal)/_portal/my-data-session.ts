import "server-only";

import { db } from "@/lib/db";
import { loadSelfServiceSession, sessionMinutes, type SelfServiceSession } from "@/lib/rights/self-service";

/** The "Manage my data" session cookie: the link id and a secret, only on this venue's my-data pages. */
export const sessionCookie = "portico_my_data";

export function myDataPath(venueSlug: string, page: "" | "open" | "choices" | "consent" | "export" | "erase" = "", query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `/p/${encodeURIComponent(venueSlug)}/my-data${page ? `/${page}` : ""}${search ? `?${search}` : ""}`;
}

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

const secure = (request: Request) => (new URL(request.url).protocol === "https:" ? "; Secure" : "");

export function sessionCookieHeader(request: Request, venueSlug: string, value: string): string {
  return `${sessionCookie}=${value}; Path=${myDataPath(venueSlug)}; HttpOnly; SameSite=Strict; Max-Age=${sessionMinutes * 60}${secure(request)}`;
}

export function clearedSessionCookieHeader(request: Request, venueSlug: string): string {
  return `${sessionCookie}=; Path=${myDataPath(venueSlug)}; HttpOnly; SameSite=Strict; Max-Age=0${secure(request)}`;
}

/** The guest's session on this venue's pages, or null (none, ended, expired, or erased). */
export async function myDataSession(request: Request, venueId: string): Promise<SelfServiceSession | null> {
  const session = await loadSelfServiceSession(db, readCookie(request, sessionCookie));
  return session && session.venueId === venueId ? session : null;
}
