// Email out, through nodemailer over SMTP. One transport per settings (it pools nothing: a link
// email is rare). Sending happens in the job queue (lib/jobs/self-service-mail-work.ts), never
// while a guest's request waits.
import nodemailer from "nodemailer";

import type { MailSettings } from "./mail-settings";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export function smtpMailer(settings: MailSettings): Mailer {
  const transport = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
  return {
    async send(mail) {
      await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    },
  };
}
