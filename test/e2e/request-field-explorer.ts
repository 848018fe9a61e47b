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

// Each control is explored once, where it first appears; depth is how far choices reveal choices.
const MAX_DEPTH = 4;

async function collect(page: Page, found: Set<string>): Promise<void> {
  await page.locator('details:not([open])').evaluateAll((els) => els.forEach((d) => d.setAttribute('open', '')));
  const values = await page.$$eval('[data-request-field]', (els) => els.map((e) => e.getAttribute('data-request-field') ?? ''));
  for (const value of values) for (const field of value.split(/\s+/)) if (field !== '') found.add(field);
}

/** A key for a control that stays the same across renders: its id, else its label and position. */
async function controlKeys(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els, sel) => els.map((e, i) => (e.id ? `#${e.id}` : `${sel}:${e.getAttribute('aria-label') ?? e.getAttribute('name') ?? ''}:${i}`)), selector);
}

function locate(page: Page, key: string, selector: string) {
  if (key.startsWith('#')) return page.locator(`[id="${key.slice(1)}"]`);
  const index = Number(key.slice(key.lastIndexOf(':') + 1));
  return page.locator(selector).nth(index);
}

/**
 * Tries the options of the selects and the checkboxes given (`only`: those an option just
 * revealed; all of them at the top), each once, going one level deeper for what each reveals.
 */
async function explore(page: Page, found: Set<string>, seen: Set<string>, depth: number, known?: Set<string>): Promise<void> {
  await collect(page, found);
  if (depth >= MAX_DEPTH) return;
  const present = async () => new Set([...(await controlKeys(page, SELECT)), ...(await controlKeys(page, CHECKBOX))]);
  const here = await present();
  const fresh = [...here].filter((key) => !known?.has(key) && !seen.has(key));
  for (const key of fresh) {
    seen.add(key);
    const selector = key.startsWith(CHECKBOX) || (key.startsWith('#') && (await page.locator(`${CHECKBOX}[id="${key.slice(1)}"]`).count()) > 0) ? CHECKBOX : SELECT;
    const control = locate(page, key, selector);
    if (!(await usable(control))) continue;
    if (selector === CHECKBOX) {
      const was = await control.isChecked();
      await control.setChecked(!was);
      await explore(page, found, seen, depth + 1, here);
      if (await usable(control)) await control.setChecked(was);
      continue;
    }
    const original = await control.inputValue();
    const options = await control.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.getAttribute('value') ?? o.textContent ?? ''));
    for (const option of options) {
      await control.selectOption(option);
      await explore(page, found, seen, depth + 1, here);
    }
    if (await usable(control)) await control.selectOption(original);
  }
}

const SELECT = 'main select';
const CHECKBOX = 'main input[type="checkbox"]';

async function usable(locator: ReturnType<Page['locator']>): Promise<boolean> {
  return (await locator.count()) === 1 && (await locator.isVisible()) && (await locator.isEnabled());
}
