import type { DemoContent } from "../demo-content";

export const de: DemoContent = {
  terms: "Ich habe die Bedingungen für die zulässige Nutzung des Gäste-WLANs im Harbour Hotel gelesen und akzeptiere sie.",
  marketing: "Ich möchte Angebote und Neuigkeiten vom Harbour Hotel per E-Mail erhalten. Ich kann mich jederzeit wieder abmelden.",
  sponsor: (name) =>
    `Ich willige ein, dass mein Name und meine E-Mail-Adresse an ${name} weitergegeben werden, damit mir das Unternehmen Angebote senden kann. ` +
    `${name} verarbeitet meine Daten gemäß den eigenen Datenschutzhinweisen; ich kann diese Einwilligung jederzeit widerrufen.`,
  portal: {
    headline: "Willkommen im Harbour Hotel",
    welcomeText:
      "Genießen Sie **kostenloses WLAN** im ganzen Hotel, von der Lobby bis zur Poolterrasse.\n\n" +
      "Melden Sie sich mit Ihrer E-Mail-Adresse an, um online zu gehen. Das dauert nur wenige Sekunden.",
    emailButtonLabel: "Weiter mit E-Mail",
    loyaltyButtonLabel: "Mitglied bei Harbour Rewards",
    successMessage: "Sie sind online. Wir wünschen Ihnen einen schönen Aufenthalt!",
  },
};
