import { MarkdownText } from "@/components/portal/markdown-text";
import { accessMinutesByMethod } from "@/lib/journeys";

import { startJourneyAction } from "./actions";
import { loadPortalFrame, negotiatedLocale } from "./portal-frame";

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
  const { copy, t } = frame;
  const hours = (minutes: number) => Math.round(minutes / 60);

  return frame.render(
    <>
      {copy.welcomeText ? <MarkdownText>{copy.welcomeText}</MarkdownText> : null}
      <form action={startJourneyAction} className="actions">
        <input type="hidden" name="venue" value={frame.venue.slug} />
        <input type="hidden" name="gateway" value={gateway.toString()} />
        <button type="submit" name="method" value="email">
          {copy.emailButtonLabel ?? t("splash.emailButton")}
        </button>
        <button type="submit" name="method" value="loyalty" className="secondary">
          {copy.loyaltyButtonLabel ?? t("splash.loyaltyButton")}
        </button>
        <p className="hint">
          {t("splash.loyaltyPerk", { hours: hours(accessMinutesByMethod.LOYALTY), baseHours: hours(accessMinutesByMethod.EMAIL) })}
        </p>
      </form>
    </>,
  );
}
