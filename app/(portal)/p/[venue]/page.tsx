import { startJourneyAction } from "./actions";
import { loadPortalFrame, negotiatedLocale, renderSplash } from "./portal-frame";

interface SplashProps {
  params: Promise<{ venue: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * The page the gateway redirects a new device to. It writes nothing (captive-network
 * probes fetch it repeatedly); the journey starts when the guest presses a button, and
 * the gateway's parameters travel with that form.
 */
export default async function SplashPage({ params, searchParams }: SplashProps) {
  const { venue: venueSlug } = await params;
  const frame = await loadPortalFrame(venueSlug, negotiatedLocale);
  const gateway = new URLSearchParams();
  for (const [name, value] of Object.entries(await searchParams)) {
    if (typeof value === "string") gateway.append(name, value);
  }
  return renderSplash(frame, gateway.toString(), startJourneyAction);
}
