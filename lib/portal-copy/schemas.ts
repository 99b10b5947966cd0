import { z } from "zod";

const hexColor = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1a5fb4.");

/**
 * Images come from Portico's own asset route only: guests behind the captive portal cannot
 * reach other hosts yet, and a fixed shape keeps anything but a path out of src and url().
 */
export const assetPathPattern = /^\/assets\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const assetPath = z.string().regex(assetPathPattern, "Upload the image here; links to other sites are not allowed.");

/** The marketer-editable text and look of one venue's portal in one locale. */
export const portalCopyFieldsSchema = z.object({
  headline: z.string().trim().min(1, "Enter a headline.").max(120, "Keep the headline under 120 characters."),
  /** Markdown, rendered sanitised. */
  welcomeText: z.string().trim().max(2000, "Keep the welcome text under 2,000 characters.").default(""),
  emailButtonLabel: z.string().trim().min(1).max(60, "Keep button labels under 60 characters.").optional(),
  loyaltyButtonLabel: z.string().trim().min(1).max(60, "Keep button labels under 60 characters.").optional(),
  successMessage: z.string().trim().max(500, "Keep the success message under 500 characters.").optional(),
  primaryColor: hexColor.default("#1a5fb4"),
  backgroundColor: hexColor.default("#ffffff"),
  logoUrl: assetPath.optional(),
  backgroundImageUrl: assetPath.optional(),
});

export type PortalCopyFields = z.infer<typeof portalCopyFieldsSchema>;

const optionalFieldNames = ["emailButtonLabel", "loyaltyButtonLabel", "successMessage", "logoUrl", "backgroundImageUrl"] as const;

/** An empty text box means "use the default", not an empty label. */
function blanksToUndefined(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const name of optionalFieldNames) if (typeof copy[name] === "string" && !copy[name].trim()) delete copy[name];
  for (const name of ["logo", "backgroundImage"]) if (!isFile(copy[name]) || (copy[name] as File).size === 0) delete copy[name];
  return copy;
}

function isFile(value: unknown): value is File {
  return typeof File !== "undefined" && value instanceof File;
}

const upload = z.custom<File>(isFile, "Choose an image file.").optional();
const checkbox = z.literal("on").optional();

/**
 * The copy editor's form: the fields plus optional new logo/background files (checked by
 * content on the server, lib/assets) and "remove" boxes. Shared by the form and the action.
 */
export const portalCopyDraftSchema = z.preprocess(
  blanksToUndefined,
  portalCopyFieldsSchema.extend({
    venueId: z.uuid(),
    locale: z.string().trim().min(2).max(16),
    logo: upload,
    backgroundImage: upload,
    removeLogo: checkbox,
    removeBackgroundImage: checkbox,
  }),
);

export type PortalCopyDraftInput = z.infer<typeof portalCopyDraftSchema>;

/** Publish the draft of one venue and locale. */
export const publishPortalCopySchema = z.object({ venueId: z.uuid(), locale: z.string().trim().min(2).max(16) });
export type PublishPortalCopyInput = z.infer<typeof publishPortalCopySchema>;

/** Publish a new version with the fields of an older one. */
export const rollBackPortalCopySchema = z.object({ copyId: z.uuid() });
export type RollBackPortalCopyInput = z.infer<typeof rollBackPortalCopySchema>;
