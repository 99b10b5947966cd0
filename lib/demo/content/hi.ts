import type { DemoContent } from "../demo-content";

// First-person Hindi verbs take the speaker's gender; the wording is built so that none does
// ("सहमत हूँ", "मुझे … अधिकार है"), and a guest of any gender can tick it as written.
export const hi: DemoContent = {
  terms: "मैंने Harbour Hotel के अतिथि वाई-फ़ाई के स्वीकार्य उपयोग की शर्तें पढ़ ली हैं और मैं उनसे सहमत हूँ।",
  marketing: "मुझे Harbour Hotel के ऑफ़र और समाचार ईमेल से भेजें। आप किसी भी समय सदस्यता छोड़ सकते हैं।",
  sponsor: (name) =>
    `मेरा नाम और ईमेल पता ${name} के साथ साझा करें, ताकि वे मुझे ऑफ़र भेज सकें। ` +
    `मेरे डेटा पर ${name} की अपनी गोपनीयता सूचना लागू होगी; मुझे यह सहमति किसी भी समय वापस लेने का अधिकार है।`,
  portal: {
    headline: "Harbour Hotel में आपका स्वागत है",
    welcomeText:
      "लॉबी से लेकर पूल टैरेस तक, पूरे होटल में **मुफ़्त वाई-फ़ाई** का आनंद लें।\n\n" +
      "ऑनलाइन होने के लिए अपने ईमेल से साइन इन करें। इसमें बस कुछ ही सेकंड लगते हैं।",
    emailButtonLabel: "ईमेल से आगे बढ़ें",
    loyaltyButtonLabel: "Harbour Rewards सदस्य",
    successMessage: "आप ऑनलाइन हैं। आपका प्रवास सुखद हो!",
  },
};
