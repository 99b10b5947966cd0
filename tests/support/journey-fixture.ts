// A guest's login as the portal makes it, for tests that need an identified journey.
import type { Db } from "@/lib/db/client";
import { openJourney, readGatewayParams } from "@/lib/journeys";

export interface TestLogin {
  email: string;
  /** The gateway's query string on the splash. */
  gateway?: string;
  ip?: string;
  userAgent?: string;
}

/** Opens an identified journey at `venue` by email quick access; returns its token. */
export async function openTestJourney(db: Db, venue: { id: string; countryCode: string }, login: TestLogin): Promise<string> {
  const opened = await openJourney(db, {
    venue,
    method: "EMAIL",
    form: { email: login.email },
    gateway: readGatewayParams(new URLSearchParams(login.gateway ?? "client_mac=aa:bb:cc:dd:ee:01&client_ip=10.0.0.5")),
    locale: "en",
    ip: login.ip ?? "203.0.113.7",
    userAgent: login.userAgent ?? "test",
    ttlMinutes: 30,
  });
  if (opened.status !== "identified") throw new Error(`login refused: ${JSON.stringify(opened.fieldErrors)}`);
  return opened.token;
}
