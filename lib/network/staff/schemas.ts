// The parts of a gateway every vendor shares, as its staff form posts them. Each vendor's own
// settings and credentials are checked by that adapter's schemas (lib/network/adapters).
import { z } from "zod";

const id = z.uuid({ message: "Unknown record." });

const name = z.string().trim().min(1, "Name this gateway, e.g. “Lobby controller”.").max(200, "Use at most 200 characters.");

/** The splash URL carries it (`?gw=<slug>`), so it stays plain: nothing a controller's URL field could mangle. */
export const gatewaySlug = z
  .string()
  .trim()
  .min(1, "Give the gateway a slug, e.g. “lobby”.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens between them, e.g. “lobby-2”.");

export const gatewayCommonSchema = z.object({ venueId: id, name, slug: gatewaySlug });

export const gatewayCreateSchema = gatewayCommonSchema.extend({
  kind: z.string().trim().min(1, "Choose a gateway."),
});
export type GatewayCreateInput = z.infer<typeof gatewayCreateSchema>;

export const gatewayUpdateSchema = gatewayCommonSchema.extend({ gatewayId: id });
export type GatewayUpdateInput = z.infer<typeof gatewayUpdateSchema>;

export const gatewayRefSchema = z.object({ venueId: id, gatewayId: id });
export type GatewayRef = z.infer<typeof gatewayRefSchema>;
