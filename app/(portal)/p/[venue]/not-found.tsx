import { getTranslations } from "next-intl/server";

export default async function VenueNotFound() {
  const t = await getTranslations("portal.problem");
  return (
    <div className="portal">
      <main className="card">
        <h1>{t("notFoundTitle")}</h1>
        <p>{t("notFoundBody")}</p>
      </main>
    </div>
  );
}
