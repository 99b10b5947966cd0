import type { DemoContent } from "../demo-content";

export const es: DemoContent = {
  terms: "He leído y acepto las condiciones de uso aceptable del WiFi para huéspedes del Harbour Hotel.",
  marketing: "Quiero recibir ofertas y novedades del Harbour Hotel por correo electrónico. Puedo darme de baja en cualquier momento.",
  sponsor: (name) =>
    `Acepto que se compartan mi nombre y mi correo electrónico con ${name} para que me envíe ofertas. ` +
    `${name} tratará mis datos conforme a su propia política de privacidad; puedo retirar este consentimiento en cualquier momento.`,
  portal: {
    headline: "Le damos la bienvenida al Harbour Hotel",
    welcomeText:
      "Disfrute de **WiFi gratuito** en todo el hotel, desde el vestíbulo hasta la terraza de la piscina.\n\n" +
      "Inicie sesión con su correo electrónico para conectarse. Solo tarda unos segundos.",
    emailButtonLabel: "Continuar con mi correo",
    loyaltyButtonLabel: "Miembro de Harbour Rewards",
    successMessage: "Ya tiene conexión. ¡Disfrute de su estancia!",
  },
};
