import type { DemoContent } from "../demo-content";

export const fr: DemoContent = {
  terms: "J'ai lu et j'accepte les conditions d'utilisation du WiFi invités de Harbour Hotel.",
  marketing: "Envoyez-moi les offres et actualités de Harbour Hotel par e-mail. Vous pouvez vous désabonner à tout moment.",
  sponsor: (name) =>
    `Partager mon nom et mon adresse e-mail avec ${name} pour recevoir ses offres. ` +
    `${name} traitera mes données selon sa propre politique de confidentialité ; je peux retirer ce consentement à tout moment.`,
  portal: {
    headline: "Bienvenue au Harbour Hotel",
    welcomeText:
      "Profitez du **WiFi gratuit** dans tout l'hôtel, du hall à la terrasse de la piscine.\n\n" +
      "Connectez-vous avec votre adresse e-mail : cela ne prend que quelques secondes.",
    emailButtonLabel: "Continuer avec mon e-mail",
    loyaltyButtonLabel: "Membre Harbour Rewards",
    successMessage: "Vous êtes connecté. Bon séjour !",
  },
};
