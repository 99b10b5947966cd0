// Every interface translation says everything the English does, with the same placeholders,
// in ICU that parses and with a plural form for every count the language distinguishes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";

import { interfaceLocales } from "./locales";

const directory = fileURLToPath(new URL("./messages", import.meta.url));
const files = readdirSync(directory).filter((file) => file.endsWith(".json"));

type Messages = Map<string, string>;

/** { portal: { login: { email: "Email" } } } → "portal.login.email" → "Email". */
function flatten(tree: unknown, prefix = "", into: Messages = new Map()): Messages {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const id = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") into.set(id, value);
    else if (value && typeof value === "object" && !Array.isArray(value)) flatten(value, id, into);
    else throw new Error(`${id} is neither a message nor a group of messages`);
  }
  return into;
}

function load(locale: string): Messages {
  return flatten(JSON.parse(readFileSync(path.join(directory, `${locale}.json`), "utf8")));
}

/** Argument names ({venue}, {minutes, plural…}) and rich-text tags (<b>…</b>) a message uses. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`);
      placeholders(element.children, into);
      continue;
    }
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
  }
  return into;
}

/** Why a message's plural forms do not fit the language, or nothing. */
function pluralProblems(locale: string, elements: MessageFormatElement[]): string[] {
  const problems: string[] = [];
  for (const element of elements) {
    if (element.type === TYPE.tag) problems.push(...pluralProblems(locale, element.children));
    if (element.type !== TYPE.plural && element.type !== TYPE.select) continue;
    for (const option of Object.values(element.options)) problems.push(...pluralProblems(locale, option.value));
    if (element.type !== TYPE.plural) continue;

    const rules = new Intl.PluralRules(locale, { type: element.pluralType });
    const categories = rules.resolvedOptions().pluralCategories as string[];
    const keys = Object.keys(element.options);
    for (const key of keys) {
      if (!key.startsWith("=") && !categories.includes(key)) {
        problems.push(`{${element.value}} has a "${key}" form, which ${locale} does not use (it has ${categories.join("/")})`);
      }
    }
    // Every whole count up to 1,000 needs its form: Arabic says 2 and 3 and 11 differently.
    // (Forms only numbers like 1,000,000 take, such as French "many", may fall back to "other".)
    for (let count = 0; count <= 1000; count++) {
      const category = rules.select(count - element.offset);
      if (!keys.includes(`=${count}`) && !keys.includes(category)) {
        problems.push(`{${element.value}} has no "${category}" form (for ${count}, among others)`);
        break;
      }
    }
  }
  return problems;
}

const english = load("en");

describe("interface messages", () => {
  it("has a message file for every interface locale, and no other", () => {
    expect(files.map((file) => path.basename(file, ".json")).sort()).toEqual([...interfaceLocales].sort());
  });

  describe.each(interfaceLocales)("%s.json", (locale) => {
    const messages = load(locale);

    it("has exactly the keys of en.json", () => {
      const missing = [...english.keys()].filter((key) => !messages.has(key));
      const extra = [...messages.keys()].filter((key) => !english.has(key));
      expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    });

    it("parses as ICU and uses the English message's placeholders, no more and no fewer", () => {
      const problems: string[] = [];
      for (const [key, message] of messages) {
        const source = english.get(key);
        if (source === undefined) continue;
        try {
          const elements = parse(message, { requiresOtherClause: true });
          const expected = [...placeholders(parse(source))].sort();
          const actual = [...placeholders(elements)].sort();
          if (expected.join() !== actual.join()) problems.push(`${key}: uses {${actual.join(", ")}}, English uses {${expected.join(", ")}}`);
          problems.push(...pluralProblems(locale, elements).map((problem) => `${key}: ${problem}`));
        } catch (error) {
          problems.push(`${key}: does not parse (${(error as Error).message})`);
        }
      }
      expect(problems).toEqual([]);
    });

    it.skipIf(locale === "en")("translates every message but the product's name", () => {
      const untranslated = [...messages].filter(([key, message]) => key !== "site.title" && message === english.get(key)).map(([key]) => key);
      expect(untranslated).toEqual([]);
    });
  });
});
