// Inputs of the guest-rights actions, shared by the staff form and the domain functions.
import { z } from "zod";

/** A staff member erasing one guest: why (kept in the audit trail), and an explicit confirmation. */
export const eraseGuestSchema = z.object({
  guestId: z.uuid("Choose a guest."),
  reason: z.string().trim().min(1, "Say why this guest is erased (the request it answers).").max(500, "Keep the reason to 500 characters."),
});
export type EraseGuestInput = z.infer<typeof eraseGuestSchema>;

/** The form adds the confirmation box; a plain form posts "on" when it is ticked. */
export const eraseGuestFormSchema = eraseGuestSchema.extend({
  confirm: z.literal("on", "Tick the box to confirm that this guest's personal data is to be erased for good."),
});
