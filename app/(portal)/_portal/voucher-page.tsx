import "server-only";

import type { ReactElement } from "react";

import type { PortalFormState } from "@/components/portal/form-state";
import { VoucherForm } from "@/components/portal/voucher-form";

import type { PortalFrame } from "./frame";
import { errorMessages, portalPage } from "./pages";

export interface VoucherPageInput {
  action: string;
  gateway: string;
  lang?: string;
  state?: PortalFormState;
  emailHref: string;
  hrefInLocale?: (locale: string) => string;
}

/** "I have an access code": the code from the front desk's card is the whole login. */
export function voucherPage(frame: PortalFrame, input: VoucherPageInput): ReactElement {
  const { t } = frame;
  return portalPage(
    frame,
    <>
      <h2>{t("voucher.title")}</h2>
      <p>{t("voucher.intro")}</p>
      <VoucherForm
        action={input.action}
        gateway={input.gateway}
        lang={input.lang}
        state={input.state ?? {}}
        text={{ code: t("voucher.code"), hint: t("voucher.hint"), submit: t("voucher.continue"), errors: errorMessages(t) }}
      />
      <p className="switch">
        <a href={input.emailHref}>{t("voucher.switchToEmail")}</a>
      </p>
    </>,
    { withScript: true, hrefInLocale: input.hrefInLocale },
  );
}
