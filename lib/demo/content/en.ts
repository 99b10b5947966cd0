import type { DemoContent } from "../demo-content";

export const en: DemoContent = {
  terms: "I have read and accept the Harbour Hotel guest WiFi acceptable-use terms.",
  marketing: "Send me offers and news from Harbour Hotel by email. You can unsubscribe at any time.",
  sponsor: (name) =>
    `Share my name and email with ${name} so they can send me offers. ` +
    `${name} will handle my data under its own privacy notice; I can withdraw this consent at any time.`,
  portal: {
    headline: "Welcome to Harbour Hotel",
    welcomeText:
      "Enjoy **free WiFi** throughout the hotel, from the lobby to the pool terrace.\n\n" +
      "Sign in with your email to get online. It takes a few seconds.",
    emailButtonLabel: "Continue with email",
    loyaltyButtonLabel: "Harbour Rewards member",
    successMessage: "You're online. Enjoy your stay!",
  },
};
