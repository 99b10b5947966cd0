import { getTranslations } from "next-intl/server";

export default async function HomePage() {
  const t = await getTranslations("site");
  return (
    <div className="portal">
      <main className="card">
        <h1>{t("title")}</h1>
        <p>{t("tagline")}</p>
      </main>
    </div>
  );
}
