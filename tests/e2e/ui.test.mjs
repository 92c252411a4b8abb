// The banner and the preference center as a visitor meets them (issue 3): every layout and
// position, the GUI options, keyboard-only use, the built-in languages and RTL, the inline
// preference center with its history and receipt, axe-core with zero violations, and
// screenshots of each layout and scheme (tests/out/ui/, open them and look).
//
// Pages: tests/e2e/ui/page.html + boot.js, which builds the config from the query string
// (see boot.js); `htmllang` and `dark` set `<html lang>` and `cc--darkmode` server-side.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as h from './harness.mjs';

const UI = join(h.ROOT, 'tests', 'e2e', 'ui');
const SHOTS = join(h.ROOT, 'tests', 'out', 'ui');
const AXE = join(h.ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const DESKTOP = { width: 1280, height: 800 };
const MOBILE = { width: 375, height: 740 };
const LOCALES = ['en', 'es', 'pt', 'th', 'zh', 'ms', 'de', 'fr', 'it', 'nl', 'ar'];
const builtin = (code) => JSON.parse(readFileSync(join(h.ROOT, 'src', 'i18n', 'locales', code + '.json'), 'utf8'));
const ALL = ['necessary', 'analytics', 'marketing'];
/** No transitions: geometry and screenshots are read at rest. Keyboard tests keep motion on. */
const STILL = { reducedMotion: 'reduce' };

let env;
before(async () => {
  env = await h.start();
  const types = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
  for (const file of readdirSync(UI)) {
    env.routes.set('/ui/' + file, async (req, res, u) => {
      let body = readFileSync(join(UI, file), 'utf8');
      if (file.endsWith('.html')) {
        body = body.replace('{{lang}}', u.searchParams.get('htmllang') || 'en').replace('{{class}}', u.searchParams.has('dark') ? 'cc--darkmode' : '');
      }
      res.writeHead(200, { 'content-type': types[file.split('.').pop()], 'cache-control': 'no-store' });
      res.end(body);
    });
  }
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

// ---- helpers ----------------------------------------------------------------------------

/** Open the test page with these query parameters (see ui/boot.js) and wait for run(). */
async function load(page, params = {}) {
  await page.goto(env.url + '/ui/page.html?' + new URLSearchParams(params));
  let result;
  try {
    result = await h.settled(page);
  } catch (error) {
    const state = await page.evaluate(() => ({ ccRun: window.ccRun, error: window.ccError, html: document.documentElement.className }));
    throw new Error(`run() did not settle: ${JSON.stringify({ state, errors: page.errors, console: page.console })}`, { cause: error });
  }
  assert.equal(result, 'resolved', await page.evaluate(() => window.ccError));
}

const classes = async (locator) => ((await locator.getAttribute('class')) || '').trim().split(/\s+/);
const cm = (page) => page.locator('#cc-main .cm');
const pm = (page) => page.locator('#cc-main .pm');
const storedCategories = async (page) => (await h.stored(page))?.categories;
const clearStorage = (page) => page.evaluate(() => localStorage.clear());
const text = async (locator) => (await locator.textContent()).trim();

/** A name for the focused element: `cm:all`, `pm:close`, `toggle:analytics`, `title:analytics`, `#opener`… */
const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'body';
    if (a.id) return '#' + a.id;
    const scope = a.closest('.cc-pc') ? 'pc:' : a.closest('.pm') ? 'pm:' : a.closest('.cm') ? 'cm:' : '';
    if (a.matches('.cm, .pm')) return a.classList[0];
    if (a.classList.contains('cm__btn--close')) return scope + 'close';
    if (a.dataset.role) return scope + a.dataset.role;
    if (a.type === 'checkbox') return scope + 'toggle:' + (a.dataset.category ? a.dataset.category + ':' : '') + a.value;
    if (a.classList.contains('pm__section-title')) return scope + 'title:' + a.closest('[data-category]').dataset.category;
    if (a.tagName === 'A') return scope + 'link:' + a.textContent.trim();
    return scope + a.tagName.toLowerCase() + '.' + a.className;
  });

/** What a visitor would reach with Tab in `scope`, in DOM order, named like `focused()`. */
const reachable = (page, scope) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel);
    const pre = root.closest('.cc-pc') ? 'pc:' : root.closest('.pm') ? 'pm:' : 'cm:';
    return [...root.querySelectorAll('button, input, a[href]')]
      .filter((el) => !el.disabled && el.checkVisibility({ visibilityProperty: true }))
      .map((a) => {
        if (a.classList.contains('cm__btn--close')) return pre + 'close';
        if (a.dataset.role) return pre + a.dataset.role;
        if (a.type === 'checkbox') return pre + 'toggle:' + (a.dataset.category ? a.dataset.category + ':' : '') + a.value;
        if (a.classList.contains('pm__section-title')) return pre + 'title:' + a.closest('[data-category]').dataset.category;
        return pre + 'link:' + a.textContent.trim();
      });
  }, scope);

/** Press Tab (or Shift+Tab) `n` times and name where focus went each time. */
async function tabs(page, n, key = 'Tab') {
  const seen = [];
  for (let i = 0; i < n; i++) {
    await page.keyboard.press(key);
    seen.push(await focused(page));
  }
  return seen;
}

/** The focus indicator of the focused element (a toggle's is on its visual switch) and the
 * contrast of its colour against what it is drawn on. */
const ring = (page) =>
  page.evaluate(async () => {
    const a = document.activeElement;
    const el = a.type === 'checkbox' ? a.nextElementSibling : a;
    await Promise.all(el.getAnimations().map((t) => t.finished)); // the switch eases its ring in
    const cs = getComputedStyle(el);
    const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    // What the ring is drawn over: the element itself (inset ring) or what is around it.
    let bgEl = parseFloat(cs.outlineOffset) < 0 ? el : el.parentElement;
    let bg = 'rgba(0, 0, 0, 0)';
    for (; bgEl; bgEl = bgEl.parentElement) {
      bg = getComputedStyle(bgEl).backgroundColor;
      if (rgb(bg)[3] !== 0) break;
    }
    const [l1, l2] = [lum(rgb(cs.outlineColor)), lum(rgb(bg))].sort((x, y) => y - x);
    return { style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), shadow: cs.boxShadow, contrast: (l1 + 0.05) / (l2 + 0.05), visible: a.matches(':focus-visible') };
  });

async function assertRing(page, what) {
  const r = await ring(page);
  assert.ok(r.visible, `${what}: :focus-visible matches`);
  assert.ok((r.style !== 'none' && r.width >= 2) || r.shadow !== 'none', `${what}: a visible focus ring (${JSON.stringify(r)})`);
  assert.ok(r.contrast >= 3, `${what}: focus ring contrast ${r.contrast.toFixed(2)} ≥ 3:1`);
}

/** axe-core on `selector`: zero violations of any impact; prints them when there are some. */
async function assertAxe(page, selector, what) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(
    (sel) =>
      window.axe.run(document.querySelector(sel), { resultTypes: ['violations'] }).then((r) =>
        r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) })),
      ),
    selector,
  );
  assert.deepEqual(violations, [], `axe on ${what} (${selector}):\n${JSON.stringify(violations, null, 2)}`);
}

/** Expand every collapsed section (modal or inline center) so that axe and the eye see it all. */
const expandAll = (page, scope = '#cc-main .pm') =>
  page.evaluate((sel) => document.querySelectorAll(`${sel} .pm__section-title[aria-expanded=false]`).forEach((b) => b.click()), scope);

/** Nothing sticks out of the viewport, nothing inside a modal is clipped sideways. */
async function assertFits(page, what) {
  const problems = await page.evaluate(() => {
    const out = [];
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > w) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${w})`);
    for (const el of document.querySelectorAll('#cc-main .cm, #cc-main .pm, .cc-pc .pm')) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -0.5 || r.right > w + 0.5) out.push(`${el.className}: ${r.left}..${r.right} outside 0..${w}`);
      for (const inner of [el, ...el.querySelectorAll('.cm__body, .pm__body, .pm__footer, .cm__btns, .pm__section, .cc-pc__history')]) {
        if (inner.scrollWidth > inner.clientWidth + 1) out.push(`${inner.className}: content ${inner.scrollWidth}px wide in ${inner.clientWidth}px`);
      }
      for (const b of el.querySelectorAll('button')) {
        const br = b.getBoundingClientRect();
        if (b.checkVisibility() && br.width && (br.left < r.left - 0.5 || br.right > r.right + 0.5)) out.push(`button ${b.textContent.trim()} sticks out`);
      }
    }
    return out;
  });
  assert.deepEqual(problems, [], what);
}

/** Screenshots at 1280×800 and 375×740, light and dark: tests/out/ui/<name>-<scheme>-<width>.png. */
async function shoot(page, name, { sizes = [DESKTOP, MOBILE], schemes = ['light', 'dark'] } = {}) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    for (const scheme of schemes) {
      await page.evaluate((dark) => document.documentElement.classList.toggle('cc--darkmode', dark), scheme === 'dark');
      await assertFits(page, `${name} ${scheme} ${size.width}px`);
      await page.screenshot({ path: join(SHOTS, `${name}-${scheme}-${size.width}.png`) });
    }
  }
  await page.setViewportSize(DESKTOP);
  await page.evaluate(() => document.documentElement.classList.remove('cc--darkmode'));
}

/** The modal's box against its layout and position (v3: 1em from the edges; bars touch them). */
async function assertPlaced(page, layout, position, { rtl = false } = {}) {
  const vp = page.viewportSize();
  const b = await cm(page).boundingBox();
  const bar = layout.startsWith('bar');
  const m = bar ? 0 : 16;
  const near = (actual, expected, what) => assert.ok(Math.abs(actual - expected) <= 1.5, `${layout} / ${position}: ${what} is ${actual}, expected ${expected}`);
  assert.ok(b.x >= -0.5 && b.y >= -0.5 && b.x + b.width <= vp.width + 0.5 && b.y + b.height <= vp.height + 0.5, `${layout} / ${position}: inside the viewport`);
  const [v, side = 'center'] = position.split(' ');
  if (v === 'top') near(b.y, m, 'top');
  else if (v === 'bottom') near(vp.height - b.y - b.height, m, 'bottom gap');
  else near(b.y + b.height / 2, vp.height / 2, 'vertical centre');
  if (bar) {
    near(b.x, 0, 'left');
    near(b.width, vp.width, 'width');
    return;
  }
  const start = rtl ? 'right' : 'left';
  if (side === 'center') near(b.x + b.width / 2, vp.width / 2, 'horizontal centre');
  else if (side === start) near(b.x, m, 'left gap');
  else near(vp.width - b.x - b.width, m, 'right gap');
}

function expectedCmClasses(layout, position) {
  const [kind, extra] = layout.split(' ');
  const [v, side = 'center'] = position.split(' ');
  return ['cm', 'cm--' + kind, ...(extra ? ['cm--' + extra] : []), 'cm--' + v, 'cm--' + side];
}

const roles = (locator) => locator.evaluateAll((els) => els.map((e) => e.dataset.role));

// ---- consent modal: layouts × positions -------------------------------------------------

const LAYOUTS = {
  box: ['bottom right', 'middle center', 'top left'],
  'box wide': ['bottom center', 'middle left', 'top right'],
  'box inline': ['bottom left', 'top right', 'middle'],
  cloud: ['bottom', 'top center', 'middle'],
  'cloud inline': ['bottom center', 'top', 'middle center'],
  bar: ['bottom', 'top', 'bottom'],
  'bar inline': ['top', 'bottom', 'top'],
};

describe('consent modal layouts', () => {
  for (const [layout, positions] of Object.entries(LAYOUTS)) {
    test(`${layout}: ${positions.join(', ')}: opens in place, its buttons work`, async () => {
      await env.session(STILL, async ({ page }) => {
        for (const [i, position] of positions.entries()) {
          await load(page, { cm: layout, cmpos: position });
          await h.assertBannerShown(page);
          assert.deepEqual((await classes(cm(page))).sort(), expectedCmClasses(layout, position).sort(), `${layout} / ${position}: classes`);
          assert.deepEqual(await roles(cm(page).locator('.cm__btn')), ['all', 'necessary', 'show']);
          assert.equal(await cm(page).getAttribute('role'), 'dialog');
          assert.equal(await cm(page).getAttribute('aria-modal'), 'false', 'not modal without disablePageInteraction');
          await assertPlaced(page, layout, position);
          if (layout.includes('inline')) {
            // inline: accept and reject side by side in one row
            const [a, n] = await Promise.all(['all', 'necessary'].map((r) => cm(page).locator(`[data-role=${r}]`).boundingBox()));
            assert.ok(Math.abs(a.y - n.y) < 1 && n.x > a.x, `${layout}: the two main buttons share a row`);
          }
          if (i === 0) {
            await shoot(page, `cm-${layout.replace(' ', '-')}`);
            await assertAxe(page, '#cc-main', `${layout} light`);
            await page.evaluate(() => document.documentElement.classList.add('cc--darkmode'));
            await assertAxe(page, '#cc-main', `${layout} dark`);
            await page.evaluate(() => document.documentElement.classList.remove('cc--darkmode'));
          }
          const role = ['all', 'necessary', 'show'][i];
          await cm(page).locator(`[data-role=${role}]`).click();
          if (role === 'show') {
            await h.assertPrefsShown(page);
            assert.equal(await h.localValue(page), null, 'nothing stored by opening the preferences');
          } else {
            await h.assertBannerHidden(page);
            assert.deepEqual(await storedCategories(page), role === 'all' ? ALL : ['necessary']);
          }
          await clearStorage(page);
        }
      });
    });
  }
});

// ---- preferences modal layouts ----------------------------------------------------------

const PM_LAYOUTS = [
  { layout: 'box', expect: ['pm--box'], button: 'save' },
  { layout: 'bar', expect: ['pm--bar', 'pm--right'], button: 'all' },
  { layout: 'bar', position: 'left', expect: ['pm--bar', 'pm--left'], button: 'necessary' },
  { layout: 'bar wide', expect: ['pm--bar', 'pm--wide', 'pm--right'], button: 'close' },
  { layout: 'bar wide', position: 'left', expect: ['pm--bar', 'pm--wide', 'pm--left'], button: 'save' },
];

describe('preferences modal layouts', () => {
  for (const { layout, position, expect, button } of PM_LAYOUTS) {
    const name = `${layout}${position ? ' ' + position : ''}`;
    test(`${name}: opens in place, toggles and "${button}" work`, async () => {
      await env.session(STILL, async ({ page }) => {
        await load(page, { pm: layout, ...(position ? { pmpos: position } : {}), table: 1 });
        await cm(page).locator('[data-role=show]').click();
        await h.assertPrefsShown(page);
        assert.deepEqual((await classes(pm(page))).sort(), ['pm', ...expect].sort());
        assert.equal(await pm(page).getAttribute('role'), 'dialog');
        assert.equal(await pm(page).getAttribute('aria-modal'), 'true');
        assert.equal(await text(page.locator('#' + (await pm(page).getAttribute('aria-labelledby')))), 'Privacy preferences');
        assert.deepEqual(await roles(pm(page).locator('.pm__footer .pm__btn')), ['all', 'necessary', 'save']);

        const vp = page.viewportSize();
        const b = await pm(page).boundingBox();
        if (layout === 'box') {
          assert.ok(Math.abs(b.x + b.width / 2 - vp.width / 2) <= 1 && Math.abs(b.y + b.height / 2 - vp.height / 2) <= 1, 'box: centred');
        } else {
          assert.equal(Math.round(b.height), vp.height, 'bar: full height');
          assert.equal(Math.round(b.width), layout === 'bar wide' ? 720 : 480, 'bar width (30em, wide 45em)');
          if (position === 'left') assert.equal(Math.round(b.x), 0, 'left edge');
          else assert.equal(Math.round(b.x + b.width), vp.width, 'right edge');
        }
        // The overlay dims the page beside or around it.
        const x = position === 'left' ? vp.width - 5 : 5;
        assert.equal(await page.evaluate(([px, py]) => document.elementFromPoint(px, py).className, [x, vp.height / 2]), 'pm-overlay');

        // A category toggle switches its services, and the counter says how many there are.
        await h.expand(page, 'analytics');
        const section = pm(page).locator('.pm__section[data-category=analytics]');
        assert.equal(await text(section.locator('.pm__badge')), '2 services');
        assert.ok((await classes(section)).includes('is-expanded'));
        await section.locator('input.section__toggle').click();
        assert.deepEqual(await section.locator('input.service__toggle').evaluateAll((els) => els.map((e) => e.checked)), [true, true]);
        await section.locator('input.service__toggle[value=hotjar]').click();
        assert.equal(await section.locator('input.section__toggle').isChecked(), true, 'one service on keeps its category on');
        assert.equal(await pm(page).locator('input.section__toggle[value=necessary]').isDisabled(), true, 'read-only category');
        assert.equal(await pm(page).locator('input.section__toggle[value=necessary]').isChecked(), true);
        assert.equal(await section.locator('table.pm__section-table caption').count(), 1);

        if (name === 'box' || name === 'bar wide left') await shoot(page, `pm-${name.replace(/ /g, '-')}`);
        else await shoot(page, `pm-${name.replace(/ /g, '-')}`, { sizes: [DESKTOP], schemes: ['light'] });

        await (button === 'close' ? pm(page).locator('.pm__close-btn') : pm(page).locator(`.pm__footer [data-role=${button}]`)).click();
        await h.assertPrefsHidden(page);
        if (button === 'close') {
          await h.assertBannerShown(page);
          assert.equal(await h.localValue(page), null, 'closing chooses nothing');
        } else {
          await h.assertBannerHidden(page);
          const expected = { all: ALL, necessary: ['necessary'], save: ['necessary', 'analytics'] }[button];
          assert.deepEqual(await storedCategories(page), expected);
          if (button === 'save') assert.deepEqual((await h.stored(page)).services.analytics, ['ga'], 'the service switched off stays off');
        }
      });
    });
  }
});

// ---- GUI options ----------------------------------------------------------------------------

describe('options', () => {
  test('flipButtons: reversed in the DOM (and so in focus order) and on screen', async () => {
    await env.session(STILL, async ({ page }) => {
      for (const layout of ['box', 'box inline', 'cloud', 'bar inline']) {
        await load(page, { cm: layout, flip: 1 });
        assert.ok((await classes(cm(page))).includes('cm--flip'));
        assert.deepEqual(await roles(cm(page).locator('.cm__btn')), ['show', 'necessary', 'all'], layout);
        // On screen too: reading order (rows top to bottom, then left to right) = DOM order.
        const boxes = await cm(page).locator('.cm__btn').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [Math.round(r.top), Math.round(r.left)]));
        const readingOrder = [...boxes].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        assert.deepEqual(boxes, readingOrder, `${layout}: on-screen order follows the DOM`);
        if (layout === 'box inline') await shoot(page, 'cm-flip', { sizes: [DESKTOP], schemes: ['light'] });
      }
      await cm(page).locator('[data-role=show]').click();
      assert.ok((await classes(pm(page))).includes('pm--flip'));
      assert.deepEqual(await roles(pm(page).locator('.pm__footer .pm__btn')), ['save', 'necessary', 'all']);
      await pm(page).locator('[data-role=all]').click();
      assert.deepEqual(await storedCategories(page), ALL);
    });
  });

  test('equalWeightButtons: reject looks exactly like accept by default, secondary when false', async () => {
    await env.session(STILL, async ({ page }) => {
      const look = (sel) => page.locator(sel).evaluate((e) => {
        const s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        return [s.backgroundColor, s.color, s.borderColor, s.fontWeight, s.fontSize, Math.round(r.width), Math.round(r.height)];
      });
      await load(page, {});
      assert.deepEqual(await look('.cm [data-role=necessary]'), await look('.cm [data-role=all]'), 'equal weight (default)');
      await cm(page).locator('[data-role=show]').click();
      assert.deepEqual(await look('.pm [data-role=necessary]'), await look('.pm [data-role=all]'), 'equal weight in the preferences');
      await clearStorage(page);
      await load(page, { eq: 0 });
      assert.ok((await classes(page.locator('.cm [data-role=necessary]'))).includes('cm__btn--secondary'));
      assert.notDeepEqual((await look('.cm [data-role=necessary]'))[0], (await look('.cm [data-role=all]'))[0]);
      await cm(page).locator('[data-role=show]').click();
      assert.ok((await classes(page.locator('.pm [data-role=necessary]'))).includes('pm__btn--secondary'));
    });
  });

  test('close icon (closeIconLabel): labelled, clear of the title, rejects like v3', async () => {
    await env.session(STILL, async ({ page }) => {
      for (const layout of ['box', 'cloud', 'bar']) {
        await load(page, { cm: layout, close: 1 });
        const close = cm(page).locator('.cm__btn--close');
        assert.equal(await close.getAttribute('aria-label'), 'Close banner');
        assert.equal(await close.getAttribute('data-role'), 'necessary');
        const c = await close.boundingBox();
        const m = await cm(page).boundingBox();
        assert.ok(c.x >= m.x && c.y >= m.y && c.x + c.width <= m.x + m.width && c.y + c.height <= m.y + m.height, `${layout}: inside the modal`);
        assert.ok(c.width >= 24 && c.height >= 24, `${layout}: target size ≥ 24px (WCAG 2.5.8)`);
        const overlaps = await page.evaluate(() => {
          const c = document.querySelector('.cm__btn--close').getBoundingClientRect();
          const hit = (r) => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top;
          const range = document.createRange();
          const out = [];
          for (const el of document.querySelectorAll('.cm__title, .cm__desc, .cm__btns .cm__btn')) {
            range.selectNodeContents(el);
            if ([...range.getClientRects()].some(hit)) out.push(el.className);
          }
          return out;
        });
        assert.deepEqual(overlaps, [], `${layout}: the close icon covers nothing`);
        if (layout === 'bar') await shoot(page, 'cm-bar-close');
        await close.click();
        await h.assertBannerHidden(page);
        assert.deepEqual(await storedCategories(page), ['necessary']);
        await clearStorage(page);
      }
    });
  });

  test('revisionMessage shows only when the stored consent is from an older revision', async () => {
    await env.session({ ...STILL, init: h.seed(h.record({ revision: 0 })) }, async ({ page }) => {
      await load(page, { revision: 1 });
      await h.assertBannerShown(page);
      assert.equal(await text(cm(page).locator('.cm__desc .cm__revision')), builtin('en').consentModal.revisionMessage);
      await shoot(page, 'cm-revision', { sizes: [MOBILE] });
      await cm(page).locator('[data-role=all]').click();
      assert.equal((await h.stored(page)).revision, 1);
      await clearStorage(page);
      await load(page, { revision: 1 });
      await h.assertBannerShown(page);
      assert.equal(await cm(page).locator('.cm__revision').count(), 0, 'a first visit gets no revision message');
    });
  });

  test('footer links', async () => {
    await env.session(STILL, async ({ page }) => {
      for (const layout of ['box', 'bar inline']) {
        await load(page, { cm: layout, footer: 1, close: 1 });
        const links = cm(page).locator('.cm__footer .cm__links a');
        assert.deepEqual(await links.evaluateAll((a) => a.map((x) => [x.textContent, x.getAttribute('href')])), [['Privacy policy', '/privacy'], ['Imprint', '/imprint']]);
        const f = await cm(page).locator('.cm__footer').boundingBox();
        const m = await cm(page).boundingBox();
        assert.ok(f.y + f.height <= m.y + m.height + 0.5 && f.y >= m.y, `${layout}: the footer is inside the modal, at its bottom`);
        if (layout === 'box') await shoot(page, 'cm-box-close-footer');
      }
    });
  });

  test('disablePageInteraction: the page is dimmed and locked, the banner is modal', async () => {
    await env.session(STILL, async ({ page }) => {
      await load(page, { dpi: 1 });
      await h.assertBannerShown(page);
      assert.ok((await h.htmlClasses(page)).includes('disable--interaction'));
      assert.equal(await cm(page).getAttribute('aria-modal'), 'true');
      const under = () => page.evaluate(() => {
        const r = document.getElementById('before').getBoundingClientRect();
        return document.elementFromPoint(r.x + 5, r.y + 5).className || document.elementFromPoint(r.x + 5, r.y + 5).id;
      });
      assert.equal(await under(), 'cm-overlay', 'the overlay covers the page');
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).overflow), 'hidden', 'no page scroll');
      await shoot(page, 'cm-disable-interaction');
      await cm(page).locator('[data-role=necessary]').click();
      await h.assertBannerHidden(page);
      assert.ok(!(await h.htmlClasses(page)).includes('disable--interaction'));
      assert.equal(await under(), 'before', 'the page is usable again');
    });
  });
});

// ---- keyboard only ----------------------------------------------------------------------------

describe('keyboard', () => {
  test('banner: focus moves in, Tab follows the buttons, Enter and Space activate them', async () => {
    await env.session(async ({ page }) => {
      await load(page, { footer: 1, close: 1 });
      assert.equal(await focused(page), 'cm', 'focus moved into the banner');
      const order = await reachable(page, '#cc-main .cm');
      assert.deepEqual(order, ['cm:all', 'cm:necessary', 'cm:show', 'cm:link:Privacy policy', 'cm:link:Imprint', 'cm:close']);
      assert.deepEqual(await tabs(page, order.length), order);
      await assertRing(page, 'close icon');
      assert.deepEqual(await tabs(page, 1, 'Shift+Tab'), ['cm:link:Imprint']);
      await assertRing(page, 'footer link');
      assert.deepEqual(await tabs(page, 2, 'Shift+Tab'), ['cm:link:Privacy policy', 'cm:show']);
      await assertRing(page, 'banner button');
      await page.evaluate(() => document.documentElement.classList.add('cc--darkmode'));
      await assertRing(page, 'banner button (dark)');
      await page.evaluate(() => document.documentElement.classList.remove('cc--darkmode'));
      // Not modal: Tab leaves the banner for the page.
      await page.focus('.cm .cm__btn--close');
      assert.ok(!(await tabs(page, 1))[0].startsWith('cm'), 'a non-modal banner does not trap focus');

      // Space on "Manage preferences" opens them, focus inside; Escape comes back to it.
      await page.focus('.cm [data-role=show]');
      await page.keyboard.press('Space');
      await h.assertPrefsShown(page);
      assert.equal(await focused(page), '#pm__title', 'focus moved to the preferences\' title');
      await page.keyboard.press('Escape');
      await h.assertPrefsHidden(page);
      assert.equal(await focused(page), 'cm:show', 'focus returned to the button that opened them');
      // Enter on "Accept all".
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'cm:all');
      await page.keyboard.press('Enter');
      await h.assertBannerHidden(page);
      assert.deepEqual(await storedCategories(page), ALL);
    });
  });

  test('banner with disablePageInteraction traps focus', async () => {
    await env.session(async ({ page }) => {
      await load(page, { dpi: 1, close: 1 });
      assert.equal(await focused(page), 'cm');
      assert.deepEqual(await tabs(page, 5), ['cm:all', 'cm:necessary', 'cm:show', 'cm:close', 'cm:all']);
      assert.deepEqual(await tabs(page, 2, 'Shift+Tab'), ['cm:close', 'cm:show']);
      await page.focus('#before');
      assert.deepEqual(await tabs(page, 1), ['cm:all'], 'focus outside comes back in');
      await page.keyboard.press('Space');
      await h.assertBannerHidden(page);
      assert.deepEqual(await storedCategories(page), ALL);
    });
  });

  test('preferences: focus in, Tab order, trap, Escape returns focus to the opener', async () => {
    await env.session(async ({ page }) => {
      await load(page, {});
      await page.focus('#opener');
      await page.keyboard.press('Enter');
      await h.assertPrefsShown(page);
      assert.equal(await focused(page), '#pm__title', 'focus moved to the modal\'s title');
      const order = await reachable(page, '#cc-main .pm');
      assert.deepEqual(order, ['pm:close', 'pm:title:necessary', 'pm:title:analytics', 'pm:toggle:analytics', 'pm:title:marketing', 'pm:toggle:marketing', 'pm:all', 'pm:necessary', 'pm:save']);
      assert.deepEqual(await tabs(page, order.length + 1), [...order, order[0]], 'Tab wraps from the last control to the first');
      assert.deepEqual(await tabs(page, 2, 'Shift+Tab'), [order.at(-1), order.at(-2)], 'Shift+Tab wraps from the first to the last');
      await page.keyboard.press('Escape');
      await h.assertPrefsHidden(page);
      assert.equal(await focused(page), '#opener', 'focus is back on the page button that opened the modal');

      // Again (the modal now exists and fades in): focus still moves in at once.
      await page.keyboard.press('Enter');
      await h.assertPrefsShown(page);
      assert.equal(await focused(page), '#pm__title');
      assert.deepEqual(await tabs(page, 1, 'Shift+Tab'), ['pm:save'], 'Shift+Tab from the title wraps to the last control');
      assert.deepEqual(await tabs(page, 1), ['pm:close']);
      // An expanded section adds its service toggles to the Tab order, in place.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'pm:title:analytics');
      await page.keyboard.press('Enter');
      assert.deepEqual(await tabs(page, 3), ['pm:toggle:analytics', 'pm:toggle:analytics:ga', 'pm:toggle:analytics:hotjar']);
      // The close button closes and returns focus too.
      await page.focus('.pm .pm__close-btn');
      await page.keyboard.press('Enter');
      await h.assertPrefsHidden(page);
      assert.equal(await focused(page), '#opener');
    });
  });

  test('toggles switch with Space and Enter, section titles expand with Enter and Space', async () => {
    await env.session(async ({ page }) => {
      await load(page, {});
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // Manage preferences
      await h.assertPrefsShown(page);
      const title = pm(page).locator('.pm__section[data-category=analytics] .pm__section-title');
      const panel = pm(page).locator('#' + (await title.getAttribute('aria-controls')));
      assert.deepEqual(await tabs(page, 3), ['pm:close', 'pm:title:necessary', 'pm:title:analytics']);
      await assertRing(page, 'section title');
      assert.equal(await title.getAttribute('aria-expanded'), 'false');
      assert.equal(await panel.isVisible(), false);
      await page.keyboard.press('Enter');
      assert.equal(await title.getAttribute('aria-expanded'), 'true');
      assert.equal(await panel.isVisible(), true);
      await page.keyboard.press('Space');
      assert.equal(await title.getAttribute('aria-expanded'), 'false', 'Space collapses');
      assert.equal(await panel.isVisible(), false);
      await page.keyboard.press('Space');
      assert.equal(await title.getAttribute('aria-expanded'), 'true', 'Space expands');

      const toggle = pm(page).locator('input.section__toggle[value=analytics]');
      assert.deepEqual(await tabs(page, 1), ['pm:toggle:analytics']);
      await assertRing(page, 'category toggle');
      await page.keyboard.press('Space');
      assert.equal(await toggle.isChecked(), true, 'Space switches on');
      assert.deepEqual(await pm(page).locator('input.service__toggle[data-category=analytics]').evaluateAll((e) => e.map((x) => x.checked)), [true, true], 'and its services');
      await page.keyboard.press('Enter');
      assert.equal(await toggle.isChecked(), false, 'Enter switches off');
      await h.assertPrefsShown(page); // Enter did nothing else
      await page.keyboard.press('Enter');
      assert.equal(await toggle.isChecked(), true, 'Enter switches on');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'pm:toggle:analytics:ga');
      await page.keyboard.press('Space');
      await page.evaluate(() => document.documentElement.classList.add('cc--darkmode'));
      await assertRing(page, 'service toggle (dark)');
      await page.evaluate(() => document.documentElement.classList.remove('cc--darkmode'));
      // On to "Save preferences" and press it.
      const rest = await tabs(page, 5);
      assert.deepEqual(rest, ['pm:toggle:analytics:hotjar', 'pm:title:marketing', 'pm:toggle:marketing', 'pm:all', 'pm:necessary']);
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'pm:save');
      await assertRing(page, 'save button');
      await page.keyboard.press('Enter');
      await h.assertPrefsHidden(page);
      await h.assertBannerHidden(page);
      const record = await h.stored(page);
      assert.deepEqual(record.categories, ['necessary', 'analytics']);
      assert.deepEqual(record.services.analytics, ['hotjar']);
    });
  });
});

// ---- languages and RTL --------------------------------------------------------------------------

describe('built-in languages', () => {
  for (const code of LOCALES) {
    test(`${code}: shown from language.default and from <html lang> with no translations`, async () => {
      const t = builtin(code);
      const rtl = code === 'ar';
      await env.session(STILL, async ({ page }) => {
        for (const params of [{ tr: 'none', lang: code }, { tr: 'none', auto: 'document', htmllang: code }]) {
          await load(page, params);
          await h.assertBannerShown(page);
          const root = page.locator('#cc-main');
          assert.equal(await root.getAttribute('lang'), code);
          assert.equal(await root.getAttribute('dir'), rtl ? 'rtl' : 'ltr');
          assert.equal((await classes(root)).includes('cc--rtl'), rtl);
          assert.equal(await text(cm(page).locator('.cm__title')), t.consentModal.title, JSON.stringify(params));
          assert.equal(await text(cm(page).locator('.cm__desc')), t.consentModal.description);
          assert.deepEqual(await cm(page).locator('.cm__btn').evaluateAll((b) => b.map((x) => x.textContent.trim())), [t.consentModal.acceptAllBtn, t.consentModal.acceptNecessaryBtn, t.consentModal.showPreferencesBtn]);
        }
        if (rtl) {
          assert.equal(await cm(page).evaluate((e) => getComputedStyle(e).direction), 'rtl');
          await assertPlaced(page, 'box', 'bottom right', { rtl: true }); // mirrored: the inline end is on the left
        }
        if (['th', 'zh', 'ar', 'de'].includes(code)) await shoot(page, `lang-${code}-cm`, { sizes: [MOBILE, DESKTOP], schemes: ['light'] });
        await cm(page).locator('[data-role=show]').click();
        await h.assertPrefsShown(page);
        assert.equal(await text(pm(page).locator('.pm__title')), t.preferencesModal.title);
        assert.equal(await pm(page).locator('.pm__close-btn').getAttribute('aria-label'), t.preferencesModal.closeIconLabel);
        assert.equal(await text(pm(page).locator('.pm__section[data-category=analytics] .pm__section-title')).then((s) => s.replace(/\s*\d+\s.*$/, '')), t.categories.analytics.title);
        const counter = t.preferencesModal.serviceCounterLabel.split('|')[1];
        assert.equal(await text(pm(page).locator('.pm__section[data-category=analytics] .pm__badge')), `2 ${counter}`);
        assert.deepEqual(await pm(page).locator('.pm__footer .pm__btn').evaluateAll((b) => b.map((x) => x.textContent.trim())), [t.preferencesModal.acceptAllBtn, t.preferencesModal.acceptNecessaryBtn, t.preferencesModal.savePreferencesBtn]);
        if (rtl) {
          // The switch sits on the inline end of its title row: on the left.
          const title = await pm(page).locator('.pm__section[data-category=analytics] .pm__section-title').boundingBox();
          const sw = await pm(page).locator('.pm__section[data-category=analytics] .pm__section-title-wrapper .toggle__icon').boundingBox();
          assert.ok(sw.x < title.x, 'RTL: the switch is left of the title');
        }
        if (['th', 'zh', 'ar', 'de'].includes(code)) {
          await expandAll(page);
          await shoot(page, `lang-${code}-pm`, { sizes: [MOBILE, DESKTOP], schemes: ['light'] });
        }
        await pm(page).locator('[data-role=save]').click();
        assert.equal((await h.stored(page)).languageCode, code);
      });
    });
  }

  test('a site translation that leaves strings out: the built-in text for that locale, then English', async () => {
    await env.session(STILL, async ({ page }) => {
      const de = builtin('de');
      await load(page, { lang: 'de', tr: 'partial' });
      assert.equal(await text(cm(page).locator('.cm__title')), 'Site title de', "the site's own text wins");
      assert.equal(await text(cm(page).locator('[data-role=all]')), de.consentModal.acceptAllBtn, 'built-in German for the rest');
      await cm(page).locator('[data-role=show]').click();
      assert.equal(await text(pm(page).locator('[data-role=save]')), 'Site save de');
      assert.equal(await text(pm(page).locator('.pm__title')), de.preferencesModal.title);

      // A locale consentry has no text for: the site's strings, then English.
      const en = builtin('en');
      await load(page, { lang: 'sv', tr: 'partial' });
      assert.equal(await text(cm(page).locator('.cm__title')), 'Site title sv');
      assert.equal(await text(cm(page).locator('[data-role=all]')), en.consentModal.acceptAllBtn);
      assert.equal(await text(cm(page).locator('.cm__desc')), en.consentModal.description);
    });
  });

  test('language.rtl mirrors a language consentry does not know; setLanguage switches direction', async () => {
    await env.session(STILL, async ({ page }) => {
      await load(page, { lang: 'he', tr: 'partial', rtl: 'he' });
      const root = page.locator('#cc-main');
      assert.equal(await root.getAttribute('dir'), 'rtl');
      assert.ok((await classes(root)).includes('cc--rtl'));
      assert.equal(await text(cm(page).locator('.cm__title')), 'Site title he');
      await assertPlaced(page, 'box', 'bottom right', { rtl: true });
      await shoot(page, 'lang-he-rtl-cm', { sizes: [DESKTOP], schemes: ['light'] });

      await load(page, { tr: 'none', lang: 'en' });
      assert.equal(await root.getAttribute('dir'), 'ltr');
      assert.equal(await page.evaluate(() => window.CookieConsent.setLanguage('ar')), true);
      assert.equal(await root.getAttribute('dir'), 'rtl');
      assert.ok((await classes(root)).includes('cc--rtl'));
      assert.equal(await text(cm(page).locator('.cm__title')), builtin('ar').consentModal.title);
      await h.assertBannerShown(page);
      assert.equal(await page.evaluate(() => window.CookieConsent.setLanguage('en')), true);
      assert.equal(await root.getAttribute('dir'), 'ltr');
      assert.ok(!(await classes(root)).includes('cc--rtl'));
      assert.equal(await text(cm(page).locator('.cm__title')), builtin('en').consentModal.title);
    });
  });
});

// ---- inline preference center ------------------------------------------------------------------

describe('mountPreferences', () => {
  test('saves, shows the history, and downloads a receipt', async () => {
    await env.session(STILL, async ({ page }) => {
      await load(page, { center: 1, table: 1 });
      const pc = page.locator('#center .cc-pc');
      const region = pc.locator('.pm.pm--inline');
      assert.equal(await region.getAttribute('role'), 'region');
      assert.equal(await text(page.locator('#' + (await region.getAttribute('aria-labelledby')))), 'Privacy preferences');
      assert.equal(await pc.locator('.cc-pc__history-empty').count(), 1, 'no history yet');
      assert.equal(await region.evaluate((e) => getComputedStyle(e).position), 'static', 'in the flow of the page');

      // The banner (bottom right) still covers part of the page: click the center's controls
      // by event (the keyboard test below presses them for real).
      await pc.locator('.pm__section[data-category=analytics] .pm__section-title').dispatchEvent('click');
      await pc.locator('input.section__toggle[value=analytics]').dispatchEvent('click');
      await pc.locator('[data-role=save]').dispatchEvent('click');
      await h.assertBannerHidden(page);
      assert.deepEqual(await storedCategories(page), ['necessary', 'analytics']);
      const items = pc.locator('.cc-pc__history-list li');
      assert.equal(await items.count(), 1);
      assert.match(await text(items.first()), /Accepted: Analytics$/);
      assert.equal(await items.first().locator('time').getAttribute('datetime').then((d) => h.ISO.test(d)), true);

      await pc.locator('.pm__footer [data-role=all]').click();
      assert.deepEqual(await storedCategories(page), ALL);
      assert.equal(await items.count(), 2);
      assert.match(await text(items.first()), /Accepted all$/, 'newest first');
      assert.equal((await page.evaluate(() => window.CookieConsent.getConsentHistory())).length, 2);
      await pc.locator('.pm__footer [data-role=necessary]').click();
      assert.match(await text(items.first()), /Only strictly necessary$/);

      const [download] = await Promise.all([page.waitForEvent('download'), pc.locator('[data-role=receipt]').click()]);
      const cookie = await h.stored(page);
      assert.equal(download.suggestedFilename(), `consent-receipt-${cookie.consentId}.json`);
      const receipt = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.match(receipt.consentId, h.UUID_V4);
      assert.equal(receipt.consentId, cookie.consentId);
      assert.match(receipt.consentTimestamp, h.ISO);
      assert.match(receipt.lastConsentTimestamp, h.ISO);
      assert.deepEqual(receipt.acceptedCategories, ['necessary']);
      assert.deepEqual(receipt.rejectedCategories, ['analytics', 'marketing']);
      assert.deepEqual(receipt.services, { necessary: [], analytics: [], marketing: [] });
      assert.equal(receipt.revision, 0);
      assert.equal(receipt.language, 'en');
      assert.equal(receipt.site, env.url);
      assert.equal(receipt.history.length, 3);

      await pc.evaluate((e) => e.scrollIntoView());
      await shoot(page, 'center');
    });
  });

  test('keyboard in the inline center; RTL center', async () => {
    await env.session(STILL, async ({ page }) => {
      await load(page, { center: 1, lang: 'ar', tr: 'none' });
      const pc = page.locator('#center .cc-pc');
      assert.equal(await pc.getAttribute('dir'), 'rtl');
      assert.ok((await classes(pc)).includes('cc--rtl'));
      assert.equal(await text(pc.locator('.pm__title')), builtin('ar').preferencesModal.title);
      await cm(page).locator('[data-role=necessary]').click(); // the banner out of the way
      await page.focus('#before');
      await page.keyboard.press('Tab'); // #opener
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'pc:title:necessary');
      await assertRing(page, 'center section title');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      assert.equal(await pc.locator('.pm__section[data-category=analytics] .pm__section-title').getAttribute('aria-expanded'), 'true');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'pc:toggle:analytics');
      await page.keyboard.press('Enter');
      assert.equal(await pc.locator('input.section__toggle[value=analytics]').isChecked(), true);
      await page.focus('.cc-pc [data-role=save]');
      await page.keyboard.press('Enter');
      assert.deepEqual(await storedCategories(page), ['necessary', 'analytics']);
      assert.equal(await pc.locator('.cc-pc__history-list li').count(), 2);
      // The center re-rendered (new history entry): what was open stays open, focus stays put.
      assert.equal(await focused(page), 'pc:save', 'focus is not lost by the re-render');
      const analytics = pc.locator('.pm__section[data-category=analytics]');
      assert.equal(await analytics.locator('.pm__section-title').getAttribute('aria-expanded'), 'true', 'the opened section stays open');
      assert.ok((await classes(analytics)).includes('is-expanded'));
      assert.equal(await analytics.locator('.pm__section-desc-wrapper').isVisible(), true);
      assert.equal(await pc.locator('.pm__section[data-category=marketing] .pm__section-title').getAttribute('aria-expanded'), 'false');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await focused(page), 'pc:necessary', 'Tab goes on from there');
      await pc.evaluate((e) => e.scrollIntoView());
      await shoot(page, 'center-ar', { schemes: ['light'] });
    });
  });
});

// ---- small screens, motion, embeds ---------------------------------------------------------

describe('small screens and motion', () => {
  test('320 px wide (1280 px at 400% zoom) and 640×360 landscape: nothing clipped, every control reachable', async () => {
    await env.session(STILL, async ({ page }) => {
      for (const size of [{ width: 320, height: 568 }, { width: 640, height: 360 }]) {
        await page.setViewportSize(size);
        for (const layout of ['box', 'cloud inline', 'bar inline']) {
          await load(page, { cm: layout, close: 1, footer: 1, table: 1 });
          await assertFits(page, `${layout} at ${size.width}×${size.height}`);
          // The banner scrolls when it is taller than the screen: its last control can be reached.
          await cm(page).locator('.cm__links a').last().scrollIntoViewIfNeeded();
          assert.ok(await cm(page).locator('.cm__links a').last().isVisible());
        }
        await cm(page).locator('[data-role=show]').click();
        await expandAll(page);
        await assertFits(page, `preferences at ${size.width}×${size.height}`);
        for (const role of ['all', 'necessary', 'save']) {
          const b = pm(page).locator(`.pm__footer [data-role=${role}]`);
          await b.scrollIntoViewIfNeeded();
          const box = await b.boundingBox();
          assert.ok(box.y >= 0 && box.y + box.height <= size.height + 0.5, `${role} can be scrolled into view at ${size.width}×${size.height}`);
        }
        await page.screenshot({ path: join(SHOTS, `small-pm-${size.width}x${size.height}.png`) });
      }
    });
  });

  test('prefers-reduced-motion: no transitions; otherwise the modals fade', async () => {
    const duration = (page) => cm(page).evaluate((e) => getComputedStyle(e).transitionDuration);
    await env.session(STILL, async ({ page }) => {
      await load(page, {});
      assert.equal(await duration(page), '0s');
    });
    await env.session(async ({ page }) => {
      await load(page, {});
      assert.notEqual(await duration(page), '0s');
    });
  });

  test('the first banner is painted as shown, without a fade (cc--anim comes after it); a later show fades', async () => {
    await env.session(async ({ page, open }) => {
      await open('/site.html?norun', page, { settle: false });
      // Transitions of consentry's elements running right after run() has shown the banner.
      const first = await page.evaluate(async () => {
        await window.CookieConsent.run(window.ccConfigs.basic(new URLSearchParams()));
        return document.getAnimations().filter((a) => a.effect?.target?.closest?.('#cc-main')).length;
      });
      await h.assertBannerShown(page);
      assert.equal(first, 0, 'no transition runs on the first banner');
      await page.click('#cc-main .cm__btn[data-role=necessary]');
      await h.assertBannerHidden(page);
      const later = await page.evaluate(() => {
        window.CookieConsent.show();
        return document.getAnimations().filter((a) => a.effect?.target?.closest?.('#cc-main')).length;
      });
      assert.ok(later > 0, 'showing it again fades it in');
    });
  });

  test('held-embed placeholder: the frame\'s size, keyboard, both schemes', async () => {
    await env.session(STILL, async ({ page }) => {
      await load(page, { embed: 1 });
      await cm(page).locator('[data-role=necessary]').click();
      const ph = page.locator('.cc-ph[data-service=ads]');
      await ph.waitFor();
      assert.deepEqual(await ph.evaluate((e) => [e.style.width, e.style.height, e.style.aspectRatio]), ['560px', '315px', '560 / 315']);
      const b = await ph.boundingBox();
      assert.deepEqual([Math.round(b.width), Math.round(b.height)], [560, 315]);
      await ph.scrollIntoViewIfNeeded();
      await shoot(page, 'embed-placeholder');
      await page.focus('#opener');
      await page.keyboard.press('Tab');
      assert.equal(await focused(page), 'load');
      await assertRing(page, 'placeholder load button');
      await page.keyboard.press('Enter');
      await page.locator('#embed[src]').waitFor({ state: 'attached' });
      assert.equal(await page.frameLocator('#embed').locator('#frame-body').textContent(), 'The embedded content loaded.');
      assert.deepEqual((await h.stored(page)).services.marketing, ['ads']);
    });
  });
});

// ---- axe-core ----------------------------------------------------------------------------------

describe('axe-core: zero violations', () => {
  for (const scheme of ['light', 'dark']) {
    for (const dir of ['ltr', 'rtl']) {
      test(`consent modal, preferences modal and inline center, ${scheme}, ${dir}`, async () => {
        const params = { center: 1, table: 1, close: 1, footer: 1, revision: 1, embed: 1, ...(scheme === 'dark' ? { dark: 1 } : {}), ...(dir === 'rtl' ? { lang: 'ar', htmllang: 'ar' } : {}) };
        await env.session({ ...STILL, init: h.seed(h.record({ revision: 0 })) }, async ({ page }) => {
          await load(page, params);
          await h.assertBannerShown(page);
          assert.equal(await page.locator('#cc-main').getAttribute('dir'), dir);
          assert.equal(await cm(page).locator('.cm__revision').count(), 1);
          await assertAxe(page, '#cc-main', 'consent modal');
          await expandAll(page, '.cc-pc');
          await assertAxe(page, '.cc-pc', 'inline center');
          await cm(page).locator('[data-role=show]').click();
          await h.assertPrefsShown(page);
          await expandAll(page);
          await assertAxe(page, '#cc-main .pm', 'preferences modal');
          // Narrow: the cookie table stacks; still correct.
          await page.setViewportSize(MOBILE);
          await assertAxe(page, '#cc-main .pm', 'preferences modal at 375px');
          await shoot(page, `axe-pm-table-${dir}`, { sizes: [MOBILE], schemes: [scheme] });
          await pm(page).locator('[data-role=save]').click();
          await assertAxe(page, '.cc-pc', 'inline center with history');
          await page.locator('.cc-ph').waitFor();
          await assertAxe(page, '.cc-ph', 'held-embed placeholder');
        });
      });
    }
  }
});
