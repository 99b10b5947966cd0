// The staff form for a gateway's extra walled-garden hosts: one per line.
import { z } from "zod";

import { readWalledGardenHost } from "./entries";

export const maxAddedHosts = 50;

export const walledGardenFormSchema = z.object({
  venueId: z.uuid({ message: "Unknown record." }),
  gatewayId: z.uuid({ message: "Unknown record." }),
  hosts: z
    .string()
    .max(16_000, "That is more text than 50 hosts need.")
    .transform((text) => [...new Set(text.split(/\r?\n/).map((line) => line.trim().toLowerCase()).filter(Boolean))])
    .superRefine((hosts, context) => {
      if (hosts.length > maxAddedHosts) context.addIssue({ code: "custom", message: `Add at most ${maxAddedHosts} hosts.` });
      for (const host of hosts) {
        if (host.length > 300) {
          context.addIssue({ code: "custom", message: `“${host.slice(0, 40)}…” is longer than 300 characters.` });
          continue;
        }
        const reading = readWalledGardenHost(host, "");
        if (!reading.ok) context.addIssue({ code: "custom", message: reading.message });
      }
    }),
});
export type WalledGardenFormInput = z.input<typeof walledGardenFormSchema>;
export type WalledGardenUpdate = z.output<typeof walledGardenFormSchema>;
