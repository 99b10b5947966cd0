// The guest's self-service forms: the email asking for a link, one consent change, the erasure
// confirmation. Messages are error codes the portal translates (portal.errors / portal.myData).
import { z } from "zod";

import { guestEmailSchema } from "@/lib/journeys/email-login-schema";

export const linkRequestSchema = z.object({ email: guestEmailSchema });

/** One click: withdraw (granted "false", the wording shown) or grant again (a ticked box, the wording live now). */
export const consentChangeSchema = z.discriminatedUnion("granted", [
  z.object({ granted: z.literal("false"), purposeId: z.uuid(), consentTextId: z.uuid() }),
  z.object({ granted: z.literal("true"), purposeId: z.uuid(), consentTextId: z.uuid(), agree: z.literal("on", "myDataTickToGrant") }),
]);
export type ConsentChange = z.infer<typeof consentChangeSchema>;

export const eraseConfirmSchema = z.object({ confirm: z.literal("on", "myDataTickToErase") });
