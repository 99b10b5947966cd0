// Guest emails (docs/RIGHTS.md, "Manage my data"): SMTP settings and the nodemailer transport.
export { mailSettingsFromEnv, mailUnsetReason, type MailSettings } from "./mail-settings";
export { smtpMailer, type Mailer, type OutgoingMail } from "./mailer";
