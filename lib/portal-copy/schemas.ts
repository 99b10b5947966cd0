import { z } from "zod";

const hexColor = z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #1a5fb4.");

/**
 * Images come from Portico's own asset route only: guests behind the captive portal cannot
 * reach other hosts yet, and a fixed shape keeps anything but a path out of src and url().
 */
export const assetPathPattern = /^\/assets\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const assetPath = z
  .union([z.literal(""), z.string().regex(assetPathPattern, "Upload the image here; links to other sites are not allowed.")])
  .optional()
  .transform((path) => path || undefined);

/** Optional text: an empty box means "use the portal's default", not an empty label. */
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((text) => text || undefined);

/** The marketer-editable text and look of one venue's portal in one locale. */
export const portalCopyFieldsSchema = z.object({
  headline: z.string().trim().min(1, "Enter a headline.").max(120, "Keep the headline under 120 characters."),
  /** Markdown, rendered sanitised. */
  welcomeText: z.string().trim().max(2000, "Keep the welcome text under 2,000 characters.").default(""),
  emailButtonLabel: optionalText(60, "Keep button labels under 60 characters."),
  loyaltyButtonLabel: optionalText(60, "Keep button labels under 60 characters."),
  successMessage: optionalText(500, "Keep the success message under 500 characters."),
  primaryColor: hexColor.default("#1a5fb4"),
  backgroundColor: hexColor.default("#ffffff"),
  logoUrl: assetPath,
  backgroundImageUrl: assetPath,
});

export type PortalCopyFields = z.infer<typeof portalCopyFieldsSchema>;
/** The fields as typed or posted, before defaults and trimming. */
export type PortalCopyFieldsInput = z.input<typeof portalCopyFieldsSchema>;

function isFile(value: unknown): value is File {
  return typeof File !== "undefined" && value instanceof File;
}

/** A file input with nothing chosen still posts an empty file: that means "no new image". */
const upload = z
  .custom<File>(isFile, "Choose an image file.")
  .optional()
  .transform((file) => (file && file.size > 0 ? file : undefined));
const checkbox = z.literal("on").optional();

/**
 * The copy editor's form: the fields plus optional new logo/background files (checked by
 * content on the server, lib/assets) and "remove" boxes. Shared by the form and the action.
 */
export const portalCopyDraftSchema = portalCopyFieldsSchema.extend({
  venueId: z.uuid(),
  locale: z.string().trim().min(2).max(16),
  logo: upload,
  backgroundImage: upload,
  removeLogo: checkbox,
  removeBackgroundImage: checkbox,
});

export type PortalCopyDraftInput = z.infer<typeof portalCopyDraftSchema>;

/** Publish the draft of one venue and locale. */
export const publishPortalCopySchema = z.object({ venueId: z.uuid(), locale: z.string().trim().min(2).max(16) });
export type PublishPortalCopyInput = z.infer<typeof publishPortalCopySchema>;

/** Publish a new version with the fields of an older one. */
export const rollBackPortalCopySchema = z.object({ copyId: z.uuid() });
export type RollBackPortalCopyInput = z.infer<typeof rollBackPortalCopySchema>;
