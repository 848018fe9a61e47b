import type { Page } from 'playwright-core';

/**
 * Reads which request fields a rendered screen has controls for: every `data-request-field`
 * attribute in the page (one control may set several fields, separated by spaces). Controls that
 * only appear for some choice (the Inputs kind, the scenario, the kind of check) or behind a
 * checkbox are reached by trying every option of every select and ticking every checkbox, one
 * level inside another; folded sections are opened. Nothing is submitted: only selects,
 * checkboxes and <details> are touched.
 */
export async function requestFieldsOnScreen(page: Page): Promise<Set<string>> {
  const found = new Set<string>();
  await explore(page, found, new Set(), 0);
  return found;
}

const MAX_DEPTH = 3;

async function collect(page: Page, found: Set<string>): Promise<void> {
  await page.locator('details:not([open])').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
  const values = await page.$$eval('[data-request-field]', (els) => els.map((e) => e.getAttribute('data-request-field') ?? ''));
  for (const value of values) for (const field of value.split(/\s+/)) if (field !== '') found.add(field);
}

/** A key for a control that stays the same across renders: its id, else its label and position. */
async function controlKeys(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e, i) => (e.id ? `#${e.id}` : `${selector}:${e.getAttribute('aria-label') ?? e.getAttribute('name') ?? ''}:${i}`)));
}

function locate(page: Page, key: string, selector: string) {
  if (key.startsWith('#')) return page.locator(`[id="${key.slice(1)}"]`);
  const index = Number(key.slice(key.lastIndexOf(':') + 1));
  return page.locator(selector).nth(index);
}

async function explore(page: Page, found: Set<string>, seen: Set<string>, depth: number): Promise<void> {
  await collect(page, found);
  if (depth >= MAX_DEPTH) return;
  for (const key of await controlKeys(page, 'main select')) {
    if (seen.has(key)) continue;
    seen.add(key);
    const select = locate(page, key, 'main select');
    if (!(await usable(select))) continue;
    const original = await select.inputValue();
    const options = await select.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? o.textContent ?? ''));
    for (const option of options) {
      await select.selectOption(option);
      await explore(page, found, seen, depth + 1);
    }
    if (await usable(select)) await select.selectOption(original);
  }
  for (const key of await controlKeys(page, 'main input[type="checkbox"]')) {
    if (seen.has(key)) continue;
    seen.add(key);
    const box = locate(page, key, 'main input[type="checkbox"]');
    if (!(await usable(box))) continue;
    const was = await box.isChecked();
    await box.setChecked(!was);
    await explore(page, found, seen, depth + 1);
    if (await usable(box)) await box.setChecked(was);
  }
}

async function usable(locator: ReturnType<Page['locator']>): Promise<boolean> {
  return (await locator.count()) === 1 && (await locator.isVisible()) && (await locator.isEnabled());
}
