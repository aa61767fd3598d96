import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The page as it is now has no WCAG 2.1 A or AA violation that axe can find; each is listed by rule and element. */
export async function expectNoAxeViolations(page: Page) {
  // Next streams a dynamic page's metadata after its body: wait for the page as the visitor ends up
  // with it (a title is the last part to arrive), or axe may see a document without a title yet.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  // Some rules passed: proof that axe ran on the page, so an empty list of violations means something.
  expect(results.passes.length).toBeGreaterThan(0);
  const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);
}
