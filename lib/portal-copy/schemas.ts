import { z } from "zod";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1a5fb4");

/** The marketer-editable text and look of one venue's portal in one locale. */
export const portalCopyFieldsSchema = z.object({
  headline: z.string().trim().min(1).max(120),
  /** Markdown, rendered sanitised. */
  welcomeText: z.string().trim().max(2000).default(""),
  emailButtonLabel: z.string().trim().min(1).max(60).optional(),
  loyaltyButtonLabel: z.string().trim().min(1).max(60).optional(),
  successMessage: z.string().trim().max(500).optional(),
  primaryColor: hexColor.default("#1a5fb4"),
  backgroundColor: hexColor.default("#ffffff"),
  logoUrl: z.string().max(2048).optional(),
});

export type PortalCopyFields = z.infer<typeof portalCopyFieldsSchema>;
