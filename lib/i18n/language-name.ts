const names = new Map<string, string>();

/** A language's name in that language, capitalised as a menu item: "Français", "Deutsch", "हिन्दी". */
export function languageName(locale: string): string {
  let name = names.get(locale);
  if (name === undefined) {
    let own: string = locale;
    try {
      own = new Intl.DisplayNames([locale], { type: "language" }).of(locale) ?? locale;
    } catch {
      // Not a tag Intl knows: show the tag itself.
    }
    name = own.charAt(0).toLocaleUpperCase(locale) + own.slice(1);
    names.set(locale, name);
  }
  return name;
}
