import { redirect } from "next/navigation";

import { accessMinutesByMethod } from "@/lib/journeys";

import { portalPath } from "../paths";
import { JourneyProblem, loadPortalFrame, lookupJourney, negotiatedLocale, renderSuccess } from "../portal-frame";

interface SuccessProps {
  params: Promise<{ venue: string }>;
  searchParams: Promise<{ j?: string }>;
}

export default async function SuccessPage({ params, searchParams }: SuccessProps) {
  const { venue: venueSlug } = await params;
  const { j: token } = await searchParams;
  const lookup = await lookupJourney(venueSlug, token);
  const frame = await loadPortalFrame(venueSlug, (venue) => lookup.journey?.locale ?? negotiatedLocale(venue));
  if (lookup.problem) return <JourneyProblem frame={frame} problem={lookup.problem} restart={lookup.restart} />;

  const { journey } = lookup;
  if (journey.status !== "COMPLETED") redirect(portalPath(venueSlug, journey.status === "STARTED" ? "login" : "consent", journey.token));
  return renderSuccess(frame, accessMinutesByMethod[journey.loginMethod ?? "EMAIL"], journey.originalUrl);
}
