import "server-only";

import { WelcomeBackBody } from "@/components/portal/welcome-back-body";
import type { ShownConsent } from "@/lib/consent";
import { deriveKeys, SecretKeyMissingError, secretKeysFromEnv, type DerivedKeys } from "@/lib/crypto";
import { db } from "@/lib/db";
import { requestOrigin } from "@/lib/http/same-origin";
import { loadJourney, readGatewayParams } from "@/lib/journeys";
import { checkGatewayRedirect } from "@/lib/network/access";
import { gatewaySecretStore } from "@/lib/network/gateway-secrets";
import { deviceBindingHeader, readDeviceBinding, signDeviceBinding } from "@/lib/welcome-back/device-binding";
import { maskEmail } from "@/lib/welcome-back/mask-identity";
import { defaultRecognitionDays, recogniseDevice, type Recognition } from "@/lib/welcome-back/recognise";
import { welcomeBackSetting } from "@/lib/welcome-back/settings";

import type { PortalFrame } from "./frame";
import { consentTitle, portalPage } from "./pages";
import { portalPath, withLang } from "./paths";
import { htmlResponse } from "./respond";

/** The device binding's key; without PORTICO_SECRET_KEY only a gateway-verified MAC recognises a device. */
function bindingKeys(): DerivedKeys | null {
  try {
    return deriveKeys(secretKeysFromEnv(), "welcome-back device binding");
  } catch (error) {
    if (error instanceof SecretKeyMissingError) return null;
    throw error;
  }
}

const noKeys: DerivedKeys = { current: Buffer.alloc(0) };

export interface ReturningDevice {
  recognition: Recognition;
  gatewayParams: ReturnType<typeof readGatewayParams>;
  network: { gatewayId: string | null; clientMac: string | null; clientIp: string | null; apMac: string | null; originalUrl: string | null };
}

/**
 * The returning guest behind the splash's request, if the venue has welcome back on and the
 * device is recognised (lib/welcome-back/recognise.ts). Reads only: the splash writes nothing.
 * A redirect the adapter refuses is not recognised (the login will say why).
 */
export async function recogniseAtSplash(request: Request, frame: PortalFrame, gateway: string): Promise<ReturningDevice | null> {
  // Recognition needs the device's MAC, which only the gateway's parameters carry: without
  // them (a bookmark, a probe) there is nothing to check the redirect for.
  if (!gateway) return null;
  const setting = await welcomeBackSetting(db, frame.venue.id);
  if (setting.mode === "OFF") return null;
  const gatewayParams = readGatewayParams(new URLSearchParams(gateway));
  const checked = await checkGatewayRedirect(db, frame.venue, gatewayParams.params, { secrets: gatewaySecretStore() });
  if (!checked.ok) return null;
  const redirect = checked.redirect;
  const keys = bindingKeys();
  const cookie = keys ? readDeviceBinding(request.headers.get("cookie")) : null;
  const mac = redirect?.clientMac ?? gatewayParams.clientMac;
  const recognition = await recogniseDevice(db, setting, { venueId: frame.venue.id, mac, macVerified: redirect?.clientMacVerified === true, cookie }, keys ?? noKeys);
  if (!recognition) return null;
  const network = {
    gatewayId: checked.gatewayId,
    clientMac: mac,
    clientIp: redirect?.clientIp ?? gatewayParams.clientIp,
    apMac: redirect?.apMac ?? gatewayParams.apMac,
    originalUrl: redirect?.originalUrl ?? gatewayParams.originalUrl,
  };
  return { recognition, gatewayParams, network };
}

const secureRequest = (request: Request) => requestOrigin(request.headers).startsWith("https:");

/** Forgets this device at the venue ("Not you?"). */
export function forgetDevice(response: Response, request: Request, venueSlug: string): Response {
  response.headers.append("set-cookie", deviceBindingHeader(venueSlug, null, 0, secureRequest(request)));
  return response;
}

/**
 * After a successful visit from a device with a MAC at a venue with welcome back on: the
 * device-bound cookie for that guest, venue and MAC, for as long as the device counts as seen.
 */
export async function bindDevice(response: Response, request: Request, venueId: string, venueSlug: string, token: string): Promise<Response> {
  const keys = bindingKeys();
  if (!keys || (await welcomeBackSetting(db, venueId)).mode === "OFF") return response;
  const journey = await loadJourney(db, venueSlug, token);
  if (!journey.guestId || !journey.clientMac) return response;
  const value = signDeviceBinding(keys, { venueId, guestId: journey.guestId, mac: journey.clientMac }, defaultRecognitionDays);
  response.headers.append("set-cookie", deviceBindingHeader(venueSlug, value, defaultRecognitionDays, secureRequest(request)));
  return response;
}

/** The one-tap page: never more of the guest than the masked email. */
export function welcomeBackResponse(
  frame: PortalFrame,
  input: { gateway: string; recognition: Recognition; askAgain: readonly ShownConsent[]; notice?: string; termsError?: string },
  status = 200,
): Response {
  const { t, venue } = frame;
  const body = (
    <WelcomeBackBody
      action={portalPath(venue.slug, "welcome-back")}
      gateway={input.gateway}
      lang={frame.locale}
      askAgain={input.askAgain.map((shown) => ({
        purposeId: shown.purposeId,
        consentTextId: shown.consentTextId,
        kind: shown.kind,
        title: consentTitle(t, shown, venue.name),
        body: shown.body,
        versionLabel: t("consent.wordingVersion", { version: `${shown.locale}-v${shown.version}` }),
      }))}
      notice={input.notice}
      termsError={input.termsError}
      text={{
        greeting: t("welcomeBack.greeting", { identity: maskEmail(input.recognition.email) }),
        intro: t("welcomeBack.intro"),
        changedIntro: t("welcomeBack.changedIntro"),
        termsLabel: t("consent.termsLabel"),
        required: t("consent.required"),
        termsRequired: t("errors.termsRequired"),
        connect: t("welcomeBack.connect"),
        notYou: t("welcomeBack.notYou"),
      }}
    />
  );
  const page = portalPage(frame, body, {
    headline: t("welcomeBack.title"),
    withScript: true,
    hrefInLocale: (locale) => portalPath(venue.slug, "", withLang(input.gateway, locale)),
  });
  return htmlResponse(page, status);
}
