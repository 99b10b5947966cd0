import { redirect } from "next/navigation";

import { LoginForm } from "@/components/portal/login-form";
import { accessMinutesByMethod } from "@/lib/journeys";

import { loginAction } from "../actions";
import { portalPath } from "../paths";
import { errorMessages, JourneyProblem, loadPortalFrame, lookupJourney, negotiatedLocale } from "../portal-frame";

interface LoginProps {
  params: Promise<{ venue: string }>;
  searchParams: Promise<{ j?: string; m?: string }>;
}

export default async function LoginPage({ params, searchParams }: LoginProps) {
  const { venue: venueSlug } = await params;
  const { j: token, m } = await searchParams;
  const lookup = await lookupJourney(venueSlug, token);
  const frame = await loadPortalFrame(venueSlug, (venue) => lookup.journey?.locale ?? negotiatedLocale(venue));
  if (lookup.problem) return <JourneyProblem frame={frame} problem={lookup.problem} restart={lookup.restart} />;

  const { journey } = lookup;
  if (journey.status === "COMPLETED") redirect(portalPath(venueSlug, "success", journey.token));
  const method = m === "loyalty" ? "LOYALTY" : "EMAIL";
  const { t } = frame;

  return frame.render(
    <>
      <h2>{method === "LOYALTY" ? t("login.loyaltyTitle") : t("login.emailTitle")}</h2>
      <p>{method === "LOYALTY" ? t("login.loyaltyIntro", { hours: accessMinutesByMethod.LOYALTY / 60 }) : t("login.emailIntro")}</p>
      <LoginForm
        key={method}
        method={method}
        venueSlug={venueSlug}
        token={journey.token}
        countryCode={journey.venue.countryCode}
        action={loginAction}
        text={{
          email: t("login.email"),
          name: t("login.name"),
          phone: t("login.phone"),
          phoneHint: t("login.phoneHint"),
          birthday: t("login.birthday"),
          continue: t("login.continue"),
          errors: errorMessages(t),
        }}
      />
      <p className="switch">
        <a href={portalPath(venueSlug, "login", journey.token, { m: method === "LOYALTY" ? "email" : "loyalty" })}>
          {method === "LOYALTY" ? t("login.switchToEmail") : t("login.switchToLoyalty")}
        </a>
      </p>
    </>,
  );
}
