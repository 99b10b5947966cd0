import { Breadcrumb } from "@/components/ui/breadcrumb";
import { createHash } from "node:crypto";

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";

import { ActionButtonForm } from "@/components/admin/copy/action-button-form";
import { CopyEditorForm } from "@/components/admin/copy/copy-editor-form";
import { formatWhen } from "@/components/admin/format-when";
import { PageLinks } from "@/components/admin/copy/page-links";
import { PhonePreview } from "@/components/admin/copy/phone-preview";
import { VersionHistory } from "@/components/admin/copy/version-history";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireStaff } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { interfaceLocaleFor } from "@/lib/i18n/locales";
import { loadCopyEditor, portalCopyFieldsSchema } from "@/lib/portal-copy";

import { publishCopyAction, rollBackCopyAction, saveCopyDraftAction } from "../../actions";

interface CopyEditorPageProps {
  params: Promise<{ venue: string; locale: string }>;
  searchParams: Promise<{ history?: string; preview?: string }>;
}

export async function generateMetadata({ params }: CopyEditorPageProps) {
  const { venue, locale } = await params;
  return { title: `Portal copy: ${venue} (${locale}) · Portico staff` };
}

export default async function CopyEditorPage({ params, searchParams }: CopyEditorPageProps) {
  const staff = await requireStaff("copy.edit");
  const { venue: venueSlug, locale } = await params;
  const query = await searchParams;
  const requested = Number.parseInt(query.history ?? "1", 10);
  const previewPage = query.preview === "success" ? "success" : "splash";
  const historyPage = Number.isSafeInteger(requested) && requested > 0 ? requested : 1;
  const editor = await loadCopyEditor(db, venueSlug, locale, historyPage);
  if (!editor) notFound();

  const { venue, draft, live, fallback } = editor;
  const t = await getTranslations({ locale: interfaceLocaleFor(locale), namespace: "portal" });
  const startingFields = draft?.fields ?? live?.fields ?? fallback?.fields ?? portalCopyFieldsSchema.parse({ headline: venue.name });
  const previewed = draft ?? live;
  // Changes with every save, so the frame reloads to show the draft as just saved.
  const revision = previewed ? createHash("sha256").update(JSON.stringify(previewed.fields)).digest("hex").slice(0, 12) : "";
  const canPublish = can(staff.role, "copy.publish");
  const basePath = `/admin/copy/${encodeURIComponent(venue.slug)}/${encodeURIComponent(locale)}`;

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Breadcrumb items={[{ label: "Portal copy", href: "/admin/copy" }, { label: `${venue.name} (${locale})` }]} />
        <h1 className="text-2xl font-semibold">
          {venue.name} <span className="font-mono text-lg text-slate-600">({locale})</span>
        </h1>
        <nav aria-label="Locales of this venue" className="flex flex-wrap gap-3 text-sm">
          {venue.locales.map((l) =>
            l === locale ? (
              <span key={l} aria-current="page" className="font-semibold">
                {l}
                {l === venue.defaultLocale ? " (default)" : ""}
              </span>
            ) : (
              <Link key={l} href={`/admin/copy/${encodeURIComponent(venue.slug)}/${encodeURIComponent(l)}`} className="text-brand hover:underline">
                {l}
                {l === venue.defaultLocale ? " (default)" : ""}
              </Link>
            ),
          )}
        </nav>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          {live ? (
            <Badge tone="success">
              live: v{live.version}
              {live.publishedAt ? ` since ${formatWhen(live.publishedAt)}` : ""}
            </Badge>
          ) : (
            <Badge tone="warning">nothing published in {locale}</Badge>
          )}
          {draft ? <Badge tone="info">draft v{draft.version}: not yet published</Badge> : null}
        </p>
      </div>

      {fallback ? (
        <Alert tone="info">
          Nothing is published in <strong>{locale}</strong> yet: guests whose browser asks for it see the venue&apos;s default locale,{" "}
          <strong>{fallback.locale}</strong> (v{fallback.version}).{draft ? "" : " The form starts from that copy, ready to translate."}
        </Alert>
      ) : !live && locale === venue.defaultLocale ? (
        <Alert tone="info">Nothing is published for this venue yet: guests see its name as the headline and the portal&apos;s default wording.</Alert>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_auto]">
        <Card>
          <CardHeader>
            <CardTitle>{draft ? `Draft v${draft.version}` : "New draft"}</CardTitle>
          </CardHeader>
          <CardContent>
            <CopyEditorForm
              venueId={venue.id}
              locale={locale}
              fields={startingFields}
              hasDraft={Boolean(draft)}
              defaultLabels={{ email: t("splash.emailButton"), loyalty: t("splash.loyaltyButton"), success: t("success.access", { minutes: 60 }) }}
              action={saveCopyDraftAction}
            />
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Preview</CardTitle>
            <p className="text-sm text-slate-600">
              {draft ? `Draft v${draft.version}, exactly as guests will see it on a phone.` : live ? `The live version (v${live.version}). Save a draft to preview changes.` : "Save a draft to see it here."}
            </p>
          </CardHeader>
          <CardContent className="space-y-4">
            {previewed ? (
              <>
                <nav aria-label="Page to preview" className="flex gap-4 text-sm">
                  {(["splash", "success"] as const).map((p) =>
                    p === previewPage ? (
                      <span key={p} aria-current="page" className="font-semibold">
                        {p === "splash" ? "Splash page" : "Success page"}
                      </span>
                    ) : (
                      <Link key={p} href={p === "splash" ? basePath : `${basePath}?preview=success`} className="text-brand hover:underline" scroll={false}>
                        {p === "splash" ? "Splash page" : "Success page"}
                      </Link>
                    ),
                  )}
                </nav>
                <PhonePreview
                  src={`/admin/copy-preview/${previewed.id}?rev=${revision}${previewPage === "success" ? "&page=success" : ""}`}
                  title={`Guest ${previewPage} preview, ${venue.name} (${locale})`}
                />
              </>
            ) : null}
            {canPublish ? (
              <ActionButtonForm
                id="publish-copy"
                action={publishCopyAction}
                fields={{ venueId: venue.id, locale }}
                label={draft ? `Publish draft v${draft.version}` : "No draft to publish"}
                pendingLabel="Publishing…"
                disabled={!draft}
              />
            ) : null}
          </CardContent>
        </Card>
      </div>

      <Card>
        <CardHeader>
          <CardTitle>Version history</CardTitle>
          <p className="text-sm text-slate-600">Rolling back publishes a new version with an older version&apos;s content; nothing is ever deleted.</p>
        </CardHeader>
        <CardContent>
          <VersionHistory
            versions={editor.history}
            rollBack={(v) =>
              canPublish ? (
                <ActionButtonForm
                  id={`roll-back-${v.version}`}
                  action={rollBackCopyAction}
                  fields={{ copyId: v.id }}
                  label="Roll back to this"
                  description={`version ${v.version}`}
                  pendingLabel="Rolling back…"
                  variant="secondary"
                  size="sm"
                />
              ) : null
            }
          />
          <PageLinks page={historyPage} pageCount={editor.historyPageCount} href={(p) => `${basePath}?history=${p}`} label="Version history pages" />
        </CardContent>
      </Card>
    </div>
  );
}
