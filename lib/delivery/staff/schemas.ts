// The parts of a connection every vendor shares, as its staff form posts them. Each vendor's
// own settings and credentials are checked by that connector's schemas (lib/delivery/connectors).
import { z } from "zod";

const id = z.uuid({ message: "Unknown record." });

const name = z.string().trim().min(1, "Name this connection, e.g. “Harbour HubSpot”.").max(200, "Use at most 200 characters.");

/** Micro-batching: how long the first guest of a batch may wait for others to join it. */
const batchWaitSeconds = z.coerce
  .number({ message: "Enter a number of seconds." })
  .int("Enter whole seconds.")
  .min(0, "Use 0 to send at once, or up to 300 seconds.")
  .max(300, "Use at most 300 seconds (five minutes).");

export const connectorCommonSchema = z.object({
  venueId: id,
  name,
  batchWaitSeconds,
});

export const connectorCreateSchema = connectorCommonSchema.extend({
  kind: z.string().trim().min(1, "Choose a system."),
  purposeId: z.uuid({ message: "Choose the consent this connection needs." }),
});
export type ConnectorCreateInput = z.infer<typeof connectorCreateSchema>;

export const connectorUpdateSchema = connectorCommonSchema.extend({ connectorId: id });
export type ConnectorUpdateInput = z.infer<typeof connectorUpdateSchema>;

export const connectorRefSchema = z.object({ venueId: id, connectorId: id });
export type ConnectorRef = z.infer<typeof connectorRefSchema>;

/** "Send again": every dead letter of a connection, or the ones ticked. */
export const replaySchema = z.object({
  connectorId: id,
  deliveryIds: z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string().regex(/^\d{1,19}$/, "Unknown delivery.")).max(500),
  ),
});
export type ReplayInput = z.infer<typeof replaySchema>;
