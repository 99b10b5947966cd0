import type { DemoContent } from "../demo-content";

// Addressed in the polite plural, like the Arabic interface. The sponsor wording avoids any
// verb agreeing with the sponsor's name, so it reads correctly for whichever name is filled in.
export const ar: DemoContent = {
  terms: "لقد قرأتُ شروط الاستخدام المقبول لشبكة الواي فاي المخصصة لضيوف Harbour Hotel وأوافق عليها.",
  marketing: "أرغب في تلقي عروض Harbour Hotel وأخباره عبر البريد الإلكتروني. يمكنني إلغاء الاشتراك في أي وقت.",
  sponsor: (name) =>
    `أوافق على مشاركة اسمي وعنوان بريدي الإلكتروني مع ${name} لإرسال العروض إليّ. ` +
    `ستُعالَج بياناتي وفقًا لإشعار الخصوصية الصادر عن ${name}، ويمكنني سحب هذه الموافقة في أي وقت.`,
  portal: {
    headline: "مرحبًا بكم في Harbour Hotel",
    welcomeText:
      "استمتعوا **بخدمة واي فاي مجانية** في جميع أرجاء الفندق، من الردهة إلى تراس المسبح.\n\n" +
      "سجّلوا الدخول ببريدكم الإلكتروني للاتصال بالإنترنت. لن يستغرق ذلك سوى ثوانٍ معدودة.",
    emailButtonLabel: "المتابعة بالبريد الإلكتروني",
    loyaltyButtonLabel: "عضو في Harbour Rewards",
    successMessage: "تم الاتصال بالإنترنت. نتمنى لكم إقامة سعيدة!",
  },
};
