export interface LanguageLink {
  locale: string;
  /** The language's name in that language ("Français", "हिन्दी"). */
  name: string;
  href: string;
  current: boolean;
}

/** Links to the same page in each of the venue's languages, for guests whose phone speaks another. */
export function LocaleSwitcher({ label, languages }: { label: string; languages: LanguageLink[] }) {
  return (
    <nav className="languages" aria-label={label}>
      <ul>
        {languages.map((language) => (
          <li key={language.locale}>
            <a href={language.href} lang={language.locale} hrefLang={language.locale} aria-current={language.current ? "true" : undefined}>
              {language.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
