export { type CopyActor } from "./actor";
export { findCopyVersion, historyPageSize, loadCopyEditor, type CopyEditorData, type CopyVersionRow } from "./copy-editor";
export { listCopyOverview, type CopyLocaleSummary, type CopyOverviewVenue } from "./copy-overview";
export { getPublishedPortalCopy } from "./published-copy";
export { publishPortalCopy } from "./publish-copy";
export { rollBackPortalCopy } from "./roll-back-copy";
export { savePortalCopyDraft } from "./save-draft";
export {
  portalCopyDraftSchema,
  portalCopyFieldsSchema,
  publishPortalCopySchema,
  rollBackPortalCopySchema,
  type PortalCopyDraftInput,
  type PortalCopyFields,
} from "./schemas";
