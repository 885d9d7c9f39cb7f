// Drives the herald dashboard in Debian's headless Chromium, as an analyst would:
// filter an actor pair, see the timeline and network drawn, open an article and find a
// highlighted event span, code a pasted text, and check that markup injected through
// article text, titles and URLs never runs.
//
// usage: node dashboard.mjs BASE_URL SCREENSHOT.png [CHROMIUM]
// Exit 0 and a JSON summary on stdout when every check passes; exit 1 with the reason.
import { chromium } from "playwright-core";

const [base, shot, exe = "/usr/bin/chromium"] = process.argv.slice(2);
if (!base || !shot) {
  console.error("usage: node dashboard.mjs BASE_URL SCREENSHOT.png [CHROMIUM]");
  process.exit(2);
}

function check(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
}

const browser = await chromium.launch({
  executablePath: exe,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const summary = {};
let failed = null;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  const cspViolations = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") {
      // A blocked inline script would show up here as a CSP report: record it.
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      else if (!/favicon/.test(m.text())) errors.push(m.text());
    }
  });
  // Any request leaving the server (CDN, tracker, injected <img src=x>) is recorded.
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

  await page.goto(base, { waitUntil: "load" });
  await page.waitForFunction(() => !document.querySelector("#stats").textContent.includes("loading"));
  summary.stats = await page.textContent("#stats");
  check(/\d+ articles/.test(summary.stats), `header shows counts: ${summary.stats}`);

  // Filter the China–Russia pair.
  await page.fill("input[name=actor]", "CHN");
  await page.fill("input[name=target]", "RUS");
  await page.click("#apply");
  await page.waitForSelector("#timeline-svg rect.bar", { timeout: 15000 });
  summary.timeline_bars = await page.locator("#timeline-svg rect.bar").count();
  summary.timeline_line = await page.locator("#timeline-svg polyline.goldstein").count();
  check(summary.timeline_bars > 0, "timeline has bars");
  check(summary.timeline_line === 1, "timeline has a Goldstein line");
  await page.waitForSelector("#network-svg g.node", { timeout: 15000 });
  summary.network_nodes = await page.locator("#network-svg g.node").count();
  summary.network_edges = await page.locator("#network-svg path.edge").count();
  check(summary.network_nodes >= 2 && summary.network_edges >= 1, "network has nodes and edges");
  check(await page.locator("#network-svg g.node[data-id=CHN]").count() === 1, "CHN is a network node");

  // The event table lists the pair's records; open the first one's article.
  await page.waitForSelector("#events tbody a.article-link");
  summary.event_rows = await page.locator("#events tbody tr").count();
  const sources = await page.locator("#events tbody tr td:nth-child(2) .code").allTextContents();
  check(sources.every((s) => s.startsWith("CHN")), `filtered rows are CHN's: ${sources}`);
  await page.locator("#events tbody a.article-link").first().click();
  await page.waitForSelector("#article-text .ann.ev", { timeout: 15000 });
  summary.article_title = await page.textContent("#article-title");
  summary.event_spans = await page.locator("#article-text .ann.ev").count();
  summary.actor_spans = await page.locator("#article-text .ann.actor").count();
  // Hover the evidence: the tooltip names the CAMEO code, pattern and modality.
  await page.locator("#article-text .ann.ev").first().hover();
  await page.waitForSelector("#tip:not([hidden])");
  summary.tooltip = (await page.textContent("#tip")).slice(0, 200);
  check(/pattern/.test(summary.tooltip) && /modality/.test(summary.tooltip), `tooltip explains the event: ${summary.tooltip}`);
  // The highlighted text is exactly the event's evidence: byte spans converted right.
  const spanOk = await page.evaluate(async () => {
    const id = new URLSearchParams(location.hash.slice(1)).get("article");
    const doc = await (await fetch(`/api/articles/${id}`)).json();
    const bytes = new TextEncoder().encode(doc.text);
    const dec = new TextDecoder();
    const want = doc.actors.map((a) => dec.decode(bytes.subarray(a.span[0], a.span[1])));
    const texts = doc.actors.map((a) => a.text);
    return want.every((w, i) => w === texts[i]);
  });
  check(spanOk, "actor spans decode to the actor texts");
  await page.screenshot({ path: shot, fullPage: true });

  // Code a pasted text (with markup in it) through POST /api/code.
  await page.fill("#code-text", "Russian forces attacked Ukraine on Tuesday. <img src=x onerror=\"window.__pwned='code'\"> China urged both sides to negotiate.");
  await page.fill("#code-date", "2024-02-20");
  await page.click("#code-form button[type=submit]");
  await page.waitForFunction(() => /events/.test(document.querySelector("#code-status").textContent) || /error|not/.test(document.querySelector("#code-status").textContent), null, { timeout: 60000 });
  summary.code_status = await page.textContent("#code-status");
  check(/\d+ events/.test(summary.code_status), `coding worked: ${summary.code_status}`);
  summary.code_event_spans = await page.locator("#code-text-out .ann.ev").count();
  check(summary.code_event_spans > 0, "coded text shows event spans");

  // The injected article: markup is displayed as text and nothing runs.
  const list = await (await fetch(`${base}api/articles?q=Injected`)).json();
  check(list.articles.length === 1, "the injected article is stored");
  const xssId = list.articles[0].id;
  // A fresh load of a shared link to the article.
  await page.goto("about:blank");
  await page.goto(`${base}#article=${xssId}`, { waitUntil: "load" });
  await page.waitForFunction(() => document.querySelector("#article-title").textContent.includes("Injected"), null, { timeout: 15000 });
  await page.waitForSelector("#article-text .ann", { timeout: 15000 });
  // Give any injected handler a chance to fire.
  await page.locator("#article-text").hover();
  await page.locator("#article-title").hover();
  await page.waitForTimeout(500);
  const xss = await page.evaluate(() => ({
    pwned: window.__pwned === undefined ? null : String(window.__pwned),
    injectedImgs: document.querySelectorAll("img[src=x], img[onerror]").length,
    injectedScripts: [...document.scripts].filter((s) => !s.src.endsWith("/assets/app.js")).length,
    handlerAttrs: document.querySelectorAll("[onerror],[onmouseover],[onload],[onclick]").length,
    jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => a.href.startsWith("javascript:")).length,
    textShowsMarkup: document.querySelector("#article-text").textContent.includes("<script>"),
    titleShowsMarkup: document.querySelector("#article-title").textContent.includes("<img"),
  }));
  summary.xss = xss;
  check(xss.pwned === null, `injected code ran: window.__pwned = ${xss.pwned}`);
  check(xss.injectedImgs === 0 && xss.injectedScripts === 0 && xss.handlerAttrs === 0, "no injected elements");
  check(xss.jsLinks === 0, "no javascript: links");
  check(xss.textShowsMarkup && xss.titleShowsMarkup, "markup is shown as text");
  check(foreign.length === 0, `requests left the server: ${foreign.join(", ")}`);
  check(errors.length === 0, `page errors: ${errors.join(" | ")}`);
  summary.csp_reports = cspViolations.length;
} catch (e) {
  failed = e;
} finally {
  await browser.close();
}
console.log(JSON.stringify(summary));
if (failed) {
  console.error(String(failed.stack || failed));
  process.exit(1);
}
