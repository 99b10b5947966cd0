import { Breadcrumb } from "@/components/ui/breadcrumb";
import { notFound } from "next/navigation";

import { WordingDiffView } from "@/components/admin/consent/wording-diff";
import { DraftWordingForm } from "@/components/admin/consent/wording-forms";
import { WordingHistory } from "@/components/admin/consent/wording-history";
import { WordingBody, WordingVersionCard } from "@/components/admin/consent/wording-version-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/table";
import { requireStaff } from "@/lib/auth/session";
import { diffWording } from "@/lib/consent/wording/diff-wording";
import type { WordingVersion } from "@/lib/consent/wording/view-types";
import { comparisonBase, getWordingPage, pendingLimit } from "@/lib/consent/wording/wording-page";
import { db } from "@/lib/db";

import { draftConsentTextAction } from "../../../actions";
import { wordingNotice } from "../../../notices";
import { pageHref, pageNumber } from "../../../page-params";
import { VersionControls } from "./version-controls";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface WordingPageProps {
  params: Promise<{ venue: string; purposeId: string; locale: string }>;
  searchParams: Promise<{ page?: string; version?: string; notice?: string }>;
}

export default async function PurposeLocalePage({ params, searchParams }: WordingPageProps) {
  const staff = await requireStaff("consent.draft");
  const { venue: venueSlug, purposeId, locale } = await params;
  const query = await searchParams;
  if (!uuid.test(purposeId)) notFound();
  const data = await getWordingPage(db, {
    venueSlug,
    purposeId,
    locale,
    historyPage: pageNumber(query.page),
    selectedId: query.version && uuid.test(query.version) ? query.version : undefined,
  });
  if (!data) notFound();

  const path = `/admin/consent/${encodeURIComponent(data.venue.slug)}/${data.purpose.id}/${encodeURIComponent(data.locale)}`;
  const base = comparisonBase(data);
  const notice = wordingNotice(query.notice);
  const comparisonFor = (version: WordingVersion) =>
    base && base.id !== version.id ? (
      <WordingDiffView
        diff={diffWording(base.body, version.body)}
        liveLabel={data.live ? `Live now (v${base.version})` : `Live now via ${base.locale} fallback (v${base.version})`}
        candidateLabel={`Version ${version.version}`}
      />
    ) : undefined;
  const card = (version: WordingVersion) => (
    <WordingVersionCard key={version.id} version={version} comparison={comparisonFor(version)}>
      <VersionControls version={version} staff={staff} />
    </WordingVersionCard>
  );

  return (
    <div className="space-y-8">
      <Breadcrumb
        items={[
          { label: "Consent wording", href: "/admin/consent" },
          { label: data.venue.name, href: `/admin/consent/${encodeURIComponent(data.venue.slug)}` },
          { label: `${data.purpose.label} (${data.locale})` },
        ]}
      />
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">
          {data.purpose.label} <span className="text-slate-600">· {data.locale}</span>
        </h1>
        {data.purpose.hiddenReason ? <Alert tone="info">{data.purpose.hiddenReason}</Alert> : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>

      <section aria-labelledby="live-heading" className="space-y-3">
        <h2 id="live-heading" className="text-lg font-semibold">
          What guests see now
        </h2>
        <LiveWording live={data.live} fallback={data.fallback} locale={data.locale} isTerms={data.purpose.kind === "TERMS"} />
      </section>

      <section aria-labelledby="waiting-heading" className="space-y-3">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          Waiting for action
        </h2>
        {data.pending.length === 0 ? <EmptyState title="No drafts, reviews or approved versions waiting" /> : data.pending.map(card)}
        {data.pendingTotal > data.pending.length ? (
          <p className="text-sm text-slate-700">
            {data.pendingTotal - pendingLimit} older open versions are listed in the history below.
          </p>
        ) : null}
      </section>

      {data.selected ? (
        <section aria-labelledby="selected-heading" className="space-y-3">
          <h2 id="selected-heading" className="text-lg font-semibold">
            Selected version
          </h2>
          {card(data.selected)}
        </section>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Draft a new version</CardTitle>
        </CardHeader>
        <CardContent>
          <DraftWordingForm key={query.version ?? "new"} action={draftConsentTextAction} purposeId={data.purpose.id} locale={data.locale} initialBody={base?.body ?? ""} />
        </CardContent>
      </Card>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Version history
        </h2>
        <WordingHistory
          versions={data.history}
          openHref={(v) => `${pageHref(path, { version: v.id }, data.historyPage)}#version-${v.id}`}
          newerHref={pageHref(path, {}, data.historyPage > 1 ? data.historyPage - 1 : null)}
          olderHref={pageHref(path, {}, data.historyHasMore ? data.historyPage + 1 : null)}
        />
      </section>
    </div>
  );
}

function LiveWording({ live, fallback, locale, isTerms }: { live: WordingVersion | null; fallback: WordingVersion | null; locale: string; isTerms: boolean }) {
  if (live) {
    return (
      <Card>
        <CardContent className="space-y-2">
          <p className="text-sm text-slate-700">
            Version {live.version}, published {live.publishedAt ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(live.publishedAt) : ""}{" "}
            · approved by {live.reviewer ?? "—"}
          </p>
          <WordingBody body={live.body} />
        </CardContent>
      </Card>
    );
  }
  if (fallback) {
    return (
      <Card>
        <CardContent className="space-y-2">
          <p className="text-sm text-slate-700">
            Nothing is published in {locale}: guests reading {locale} see the {fallback.locale} wording (version {fallback.version}), which falls back to
            the venue&apos;s default locale.
          </p>
          <WordingBody body={fallback.body} />
        </CardContent>
      </Card>
    );
  }
  return (
    <EmptyState title="Nothing live">
      Nothing is published for this purpose in {locale} or the venue&apos;s default locale,{" "}
      {isTerms ? "so guests cannot get online here until terms of use are published." : "so guests are not asked about it."}
    </EmptyState>
  );
}
