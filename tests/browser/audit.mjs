// Audits every page of a built site in headless Chromium: axe-core (WCAG 2.0/2.1/2.2 A and
// AA) and the JIS X 8341-3 AA checks that axe cannot make by itself (skip link, landmarks,
// heading order, keyboard focus, link text, colour-independent status, 200% text, reflow at
// 320 CSS px). Prints one JSON report on stdout; exits 1 when anything fails.
//
//   node audit.mjs SITE_DIR [--screenshots DIR]
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [site, ...rest] = process.argv.slice(2);
const shotsAt = rest.indexOf('--screenshots');
const shots = shotsAt >= 0 ? rest[shotsAt + 1] : null;

function pagesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return pagesUnder(p);
    return name.endsWith('.html') ? [p] : [];
  }).sort();
}

const browser = await chromium.launch({
  executablePath: process.env.SOSEI_BROWSER || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const report = { pages: 0, axe: [], problems: [], incomplete_svg_contrast: 0 };
const problem = (page, check, detail) => report.problems.push({ page, check, detail });

for (const file of pagesUnder(site)) {
  const name = relative(site, file);
  report.pages += 1;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('file://' + file);

  // axe-core, WCAG A and AA.
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  for (const v of axe.violations) {
    report.axe.push({ page: name, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
  }
  report.incomplete_svg_contrast += axe.incomplete.filter((i) => i.id === 'color-contrast').length;

  // Structure: language, skip link, landmarks, one h1 and no skipped heading level.
  const structure = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.lang !== 'ja') out.push('html lang is not ja');
    const first = document.querySelector('a[href], button, [tabindex]');
    if (!first || first.getAttribute('href') !== '#main' || !document.getElementById('main')) out.push('the first focusable element is not a skip link to #main');
    for (const sel of ['header', 'nav', 'main', 'footer']) if (!document.querySelector(sel)) out.push(`no <${sel}> landmark`);
    if (document.querySelectorAll('main').length !== 1) out.push('not exactly one <main>');
    const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]));
    if (levels.filter((l) => l === 1).length !== 1) out.push('not exactly one h1');
    levels.forEach((l, i) => { if (i > 0 && l > levels[i - 1] + 1) out.push(`heading h${l} follows h${levels[i - 1]}`); });
    // Link text that makes sense on its own.
    const vague = /^(こちら|ここ|詳細|詳しくは|もっと見る|click here|here|more|link)$/i;
    for (const a of document.querySelectorAll('a[href]')) {
      const text = (a.innerText || a.getAttribute('aria-label') || '').trim();
      if (!text) out.push(`a link has no text: ${a.getAttribute('href')}`);
      else if (vague.test(text)) out.push(`vague link text: ${text}`);
    }
    // Status is never colour alone: every status mark has its name as text.
    for (const s of document.querySelectorAll('.status')) {
      // Its label is text outside the (hidden) symbol: a word, not only a mark or colour.
      const label = [...s.childNodes].filter((n) => !(n.classList && n.classList.contains('status-symbol'))).map((n) => n.textContent).join('');
      if (!/\p{L}/u.test(label)) out.push('a status without its name in text');
    }
    return out;
  });
  structure.forEach((d) => problem(name, 'structure', d));

  // Keyboard: every focusable element takes focus by Tab, and the focus is visible.
  const focusables = await page.evaluate(() => document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length);
  const seen = new Set();
  for (let i = 0; i < focusables + 1; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
      const r = el.getBoundingClientRect();
      return { key: el.outerHTML.slice(0, 80) + '@' + Math.round(r.top + scrollY) + ',' + Math.round(r.left), visible };
    });
    if (!f) continue;
    seen.add(f.key);
    if (!f.visible) problem(name, 'focus', `no visible focus on ${f.key}`);
  }
  if (seen.size < focusables) problem(name, 'keyboard', `only ${seen.size} of ${focusables} focusable elements were reached by Tab`);

  // Text enlarged to 200%: the page still fits its width (no horizontal scrolling).
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const wide200 = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (wide200 > 1) problem(name, 'resize-200', `the page scrolls sideways by ${wide200}px with text at 200%`);
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });

  // Reflow at 320 CSS px: no sideways scrolling of the page; a wide table may scroll
  // inside its own labelled, focusable region.
  await page.setViewportSize({ width: 320, height: 800 });
  const reflow = await page.evaluate(() => {
    const out = [];
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 1) out.push(`the page scrolls sideways by ${overflow}px at 320px`);
    for (const w of document.querySelectorAll('.table-wrap')) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (w.getAttribute('role') !== 'region' || !w.getAttribute('aria-label') || w.getAttribute('tabindex') !== '0') out.push('a scrolling table is not in a labelled, focusable region');
      }
    }
    return out;
  });
  reflow.forEach((d) => problem(name, 'reflow-320', d));

  if (shots && ['index.html', 'evaluation.html', 'strategies/1.html', 'grants/1-nadec.html'].includes(name)) {
    mkdirSync(shots, { recursive: true });
    const base = name.replace(/[\/.]/g, '_');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(shots, `${base}-375.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(shots, `${base}-1280.png`), fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(JSON.stringify(report, null, 2));
process.exit(report.axe.length + report.problems.length > 0 ? 1 : 0);
