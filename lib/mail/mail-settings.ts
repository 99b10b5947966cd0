import { env } from "@/lib/env";

/** What sending guest emails needs: the SMTP server, the sender, and the origin links point to. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
  /** e.g. https://wifi.example.com (no trailing slash). */
  publicOrigin: string;
}

/** Why mail cannot be sent, naming the variables to set (for the log and docs). */
export const mailUnsetReason = "guest emails are off: set PORTICO_SMTP_URL and PORTICO_MAIL_FROM (and PORTICO_PUBLIC_URL or NEXTAUTH_URL) to send them";

/** The process's mail settings, or null when any of them is missing. */
export function mailSettingsFromEnv(): MailSettings | null {
  const origin = env.PORTICO_PUBLIC_URL ?? env.NEXTAUTH_URL;
  if (!env.PORTICO_SMTP_URL || !env.PORTICO_MAIL_FROM || !origin) return null;
  return { smtpUrl: env.PORTICO_SMTP_URL, from: env.PORTICO_MAIL_FROM, publicOrigin: new URL(origin).origin };
}
