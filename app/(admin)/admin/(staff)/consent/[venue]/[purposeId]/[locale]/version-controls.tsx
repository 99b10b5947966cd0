import { ReviewForms, EditDraftForm, WordingStepForm } from "@/components/admin/consent/wording-forms";
import { can } from "@/lib/auth/permissions";
import type { StaffActor } from "@/lib/auth/session";
import type { WordingVersion } from "@/lib/consent/wording/view-types";

import {
  approveConsentTextAction,
  discardConsentDraftAction,
  publishConsentTextAction,
  redraftRejectedConsentTextAction,
  rejectConsentTextAction,
  submitConsentTextAction,
  updateConsentDraftAction,
  withdrawConsentTextAction,
} from "../../../actions";

/**
 * What this viewer may do with this version next. Only a convenience: every action checks
 * the role again on the server, and the domain refuses wrong steps whatever the page showed.
 */
export function VersionControls({ version, staff }: { version: WordingVersion; staff: StaffActor }) {
  const mine = version.authorId === staff.id;
  switch (version.status) {
    case "DRAFT":
      if (!mine) return <Note>Only its author{version.author ? ` (${version.author})` : ""} can edit or submit this draft.</Note>;
      return (
        <>
          <EditDraftForm action={updateConsentDraftAction} consentTextId={version.id} version={version.version} body={version.body} />
          <div className="flex flex-wrap items-start gap-3">
            <WordingStepForm action={submitConsentTextAction} consentTextId={version.id} step="submit" label={`Submit version ${version.version} for review`} />
            <WordingStepForm
              action={discardConsentDraftAction}
              consentTextId={version.id}
              step="discard"
              label={`Discard draft version ${version.version}`}
              variant="secondary"
            />
          </div>
        </>
      );
    case "IN_REVIEW":
      if (!can(staff.role, "consent.review")) return <Note>Waiting for legal to approve or reject it.</Note>;
      return <ReviewForms approve={approveConsentTextAction} reject={rejectConsentTextAction} consentTextId={version.id} version={version.version} />;
    case "APPROVED":
      if (!can(staff.role, "consent.publish")) return <Note>Approved: waiting for legal to publish it. Its words can no longer change.</Note>;
      return (
        <div className="flex flex-wrap items-start gap-3">
          <WordingStepForm action={publishConsentTextAction} consentTextId={version.id} step="publish" label={`Publish version ${version.version}`} />
          <WordingStepForm
            action={withdrawConsentTextAction}
            consentTextId={version.id}
            step="withdraw"
            label={`Withdraw version ${version.version}`}
            variant="secondary"
          />
        </div>
      );
    case "REJECTED":
      return (
        <WordingStepForm
          action={redraftRejectedConsentTextAction}
          consentTextId={version.id}
          step="redraft"
          label={`Copy version ${version.version} into a new draft`}
          variant="secondary"
        />
      );
    default:
      return null;
  }
}

function Note({ children }: { children: React.ReactNode }) {
  return <p className="text-sm text-slate-700">{children}</p>;
}
