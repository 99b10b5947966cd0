// Automated accessibility checks with axe-core: WCAG 2.1 A and AA rules. Automated checks
// catch a part of what matters (labels, names, contrast, landmarks, ARIA misuse), not all of
// it; the specs also drive every page by keyboard-reachable roles and labels.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { expect } from "./fixtures";

export async function expectNoAxeViolations(page: Page, context: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
  expect(summary, `accessibility violations on ${context}`).toEqual([]);
}
