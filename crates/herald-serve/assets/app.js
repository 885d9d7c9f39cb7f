// herald dashboard: plain modern JavaScript, no libraries, no build step.
// Every piece of article-derived text reaches the page through textContent or SVG text
// nodes, never parsed as HTML, so markup in articles is shown, not run.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUADS = [
  { n: 1, name: "verbal cooperation", color: "#4e9a6f" },
  { n: 2, name: "material cooperation", color: "#2f6fae" },
  { n: 3, name: "verbal conflict", color: "#e3a33b" },
  { n: 4, name: "material conflict", color: "#c8463d" },
];
const PAGE = 25;

const $ = (sel) => document.querySelector(sel);

// An HTML element with attributes and children (strings become text nodes).
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

// An SVG element with attributes.
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body;
  try {
    body = await r.json();
  } catch {
    throw new Error(`${r.status} ${r.statusText}`);
  }
  if (!r.ok) throw new Error(body.error || `${r.status} ${r.statusText}`);
  return body;
}

const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? "–" : Number(x).toFixed(d));

// Goldstein -10..10 → red … grey … green.
function goldsteinColor(g) {
  const t = Math.max(-1, Math.min(1, g / 7));
  const grey = [150, 156, 163];
  const end = t < 0 ? [200, 70, 61] : [60, 150, 100];
  const a = Math.abs(t);
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

// ---------------------------------------------------------------- state and filters

const state = { filters: {}, offset: 0, sort: "-day" };

function readFilters() {
  const f = {};
  for (const el of $("#filters").elements) {
    if (el.name && el.value.trim()) f[el.name] = el.value.trim();
  }
  for (const k of ["actor", "target"]) if (f[k]) f[k] = f[k].toUpperCase();
  return f;
}

function writeFilters(f) {
  for (const el of $("#filters").elements) if (el.name) el.value = f[el.name] || "";
}

function query(obj) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== "" && v !== undefined && v !== null) p.set(k, v);
  return p.toString();
}

function fromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const f = {};
  for (const k of ["actor", "target", "code", "quad", "from", "to"]) if (p.get(k)) f[k] = p.get(k);
  return { f, article: p.get("article") };
}

function toHash(extra) {
  const q = query({ ...state.filters, ...(extra || {}) });
  history.replaceState(null, "", q ? `#${q}` : location.pathname);
}

async function refresh() {
  $("#filter-error").textContent = "";
  state.offset = 0;
  toHash();
  await Promise.all([loadEvents(), loadTimeline(), loadNetwork()]);
}

// ---------------------------------------------------------------- header stats

async function loadStats() {
  try {
    const st = await api("/api/stats");
    const range = st.first_day ? ` · ${st.first_day} → ${st.last_day}` : "";
    // Undated records are never given a day; say how many there are.
    const undated = st.undated_records ? ` · ${st.undated_records.toLocaleString()} undated` : "";
    $("#stats").textContent =
      `${st.articles.toLocaleString()} articles · ${st.records.toLocaleString()} event records · ` +
      `${st.outlets.toLocaleString()} outlets${range}${undated}`;
  } catch (e) {
    $("#stats").textContent = `store unavailable: ${e.message}`;
  }
}

// ---------------------------------------------------------------- events table

async function loadEvents() {
  const tbody = $("#events tbody");
  let page;
  try {
    page = await api(`/api/events?${query({ ...state.filters, limit: PAGE, offset: state.offset, sort: state.sort })}`);
  } catch (e) {
    $("#filter-error").textContent = e.message;
    tbody.replaceChildren(h("tr", {}, h("td", { colspan: 9, class: "muted", text: e.message })));
    return;
  }
  const rows = page.events.map((r) =>
    h("tr", {},
      r.day
        ? h("td", { class: "code", text: r.day, title: r.day_from_text ? "date read from the text (the article has no publication date)" : null })
        : h("td", { class: "muted undated", text: "undated" }),
      h("td", { title: r.source_text }, h("span", { class: "code", text: r.source }), " ", h("span", { class: "muted", text: r.source_text })),
      h("td", { title: r.target_text }, h("span", { class: "code", text: r.target || "—" }), " ", h("span", { class: "muted", text: r.target_text })),
      h("td", {}, h("span", { class: "code", text: r.code }), " ", r.name),
      h("td", { class: "num", text: fmt(r.goldstein) }),
      h("td", {}, h("span", { class: `quad q${r.quad_class}`, title: QUADS[r.quad_class - 1]?.name, text: r.quad_class })),
      h("td", { class: "num", text: r.num_mentions }),
      h("td", { class: "num", text: r.num_sources }),
      h("td", {}, r.article_id
        ? h("a", { href: `#article=${r.article_id}`, class: "article-link", "data-article": r.article_id, onclick: (ev) => { ev.preventDefault(); openArticle(r.article_id); } }, r.title || `article ${r.article_id}`)
        : "—"),
    ));
  if (!rows.length) rows.push(h("tr", {}, h("td", { colspan: 9, class: "muted", text: "No event records match these filters." })));
  tbody.replaceChildren(...rows);
  $("#prev").disabled = state.offset === 0;
  $("#next").disabled = page.next_offset === null;
  $("#page-info").textContent = page.events.length
    ? `${state.offset + 1}–${state.offset + page.events.length}`
    : "";
}

// ---------------------------------------------------------------- timeline chart

function legend(el, items) {
  el.replaceChildren(...items.map(([color, label, line]) =>
    h("span", {}, h("span", { class: line ? "sw line" : "sw", style: null }), label)));
  // Colours are set through the CSSOM (allowed by the CSP, unlike style attributes).
  [...el.querySelectorAll(".sw")].forEach((sw, i) => { sw.style.background = items[i][0]; });
}

async function loadTimeline() {
  const box = $("#timeline");
  const { actor: a, target: b } = state.filters;
  $("#timeline-pair").textContent = a && b ? `${a} ↔ ${b}` : "";
  if (!a || !b) {
    $("#timeline-undated").textContent = "";
    box.replaceChildren(h("p", { class: "hint", text: "Set an actor and a target above to see how their relations moved." }));
    $("#timeline-legend").replaceChildren();
    return;
  }
  let t;
  try {
    t = await api(`/api/timeline?${query({ a, b, by: $("#timeline-by").value })}`);
  } catch (e) {
    box.replaceChildren(h("p", { class: "hint", text: e.message }));
    return;
  }
  let periods = t.periods;
  // Records with no known day are a bucket of their own, beside the dated chart.
  $("#timeline-undated").textContent = t.undated
    ? `undated: ${t.undated.events} event record${t.undated.events === 1 ? "" : "s"} (no publication date and none in the text), not on the chart`
    : "";
  // The store's timeline spans all dates; the filter bar's dates narrow what is drawn.
  const { from, to } = state.filters;
  if (from) periods = periods.filter((p) => p.period >= from.slice(0, p.period.length) || p.period.includes("W"));
  if (to) periods = periods.filter((p) => p.period <= to.slice(0, p.period.length) || p.period.includes("W"));
  if (!periods.length) {
    box.replaceChildren(h("p", { class: "hint", text: `No events between ${a} and ${b}.` }));
    $("#timeline-legend").replaceChildren();
    return;
  }
  box.replaceChildren(timelineSvg(periods));
  legend($("#timeline-legend"), [
    ...QUADS.map((q) => [q.color, `${q.n} ${q.name}`]),
    ["#1d2733", "mean Goldstein (right axis)", true],
  ]);
}

function timelineSvg(periods) {
  const W = 640, H = 280, m = { l: 40, r: 40, t: 12, b: 46 };
  const iw = W - m.l - m.r, ih = H - m.t - m.b;
  const max = Math.max(1, ...periods.map((p) => p.events));
  const bw = iw / periods.length;
  const y = (v) => m.t + ih - (v / max) * ih;
  const yg = (g) => m.t + ih / 2 - (g / 10) * (ih / 2);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline", id: "timeline-svg" });
  // Grid and left axis.
  const ticks = niceTicks(max);
  const axis = s("g", { class: "axis" });
  for (const v of ticks) {
    axis.append(s("line", { class: "gridline", x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }));
    axis.append(s("text", { x: m.l - 6, y: y(v) + 3, "text-anchor": "end" }, String(v)));
  }
  for (const g of [-10, -5, 0, 5, 10]) {
    axis.append(s("text", { x: W - m.r + 6, y: yg(g) + 3 }, String(g)));
  }
  axis.append(s("line", { x1: m.l, x2: W - m.r, y1: m.t + ih, y2: m.t + ih }));
  svg.append(axis);
  // Stacked bars.
  const bars = s("g", { class: "bars" });
  // Few periods: keep bars narrow instead of filling the whole width.
  const w = Math.max(1, Math.min(48, bw - Math.min(4, bw * 0.2)));
  periods.forEach((p, i) => {
    let acc = 0;
    const x = m.l + (i + 0.5) * bw - w / 2;
    p.quad.forEach((n, q) => {
      if (!n) return;
      const r = s("rect", { x, y: y(acc + n), width: w, height: y(acc) - y(acc + n), fill: QUADS[q].color, class: `bar q${q + 1}` },
        s("title", {}, `${p.period}: ${n} ${QUADS[q].name}`));
      bars.append(r);
      acc += n;
    });
  });
  svg.append(bars);
  // Goldstein line.
  const pts = periods.map((p, i) => `${(m.l + (i + 0.5) * bw).toFixed(1)},${yg(p.goldstein_mean).toFixed(1)}`);
  svg.append(s("polyline", { points: pts.join(" "), fill: "none", stroke: "#1d2733", "stroke-width": 1.8, class: "goldstein" }));
  periods.forEach((p, i) => {
    svg.append(s("circle", { cx: m.l + (i + 0.5) * bw, cy: yg(p.goldstein_mean), r: 2.6, fill: "#1d2733" },
      s("title", {}, `${p.period}: ${p.events} records, mean Goldstein ${fmt(p.goldstein_mean, 2)}, sum ${fmt(p.goldstein_sum)}, ${p.mentions} mentions`)));
  });
  // X labels, thinned to fit.
  const every = Math.ceil(periods.length / 12);
  const xl = s("g", { class: "axis" });
  periods.forEach((p, i) => {
    if (i % every) return;
    const x = m.l + (i + 0.5) * bw;
    xl.append(s("text", { x, y: m.t + ih + 14, "text-anchor": "middle" }, p.period));
  });
  xl.append(s("text", { x: 4, y: m.t + 8 }, "records"));
  xl.append(s("text", { x: W - 4, y: m.t + 8, "text-anchor": "end" }, "Goldstein"));
  svg.append(xl);
  return svg;
}

function niceTicks(max) {
  const step = Math.pow(10, Math.floor(Math.log10(max)));
  const unit = max / step > 5 ? step * 2 : max / step > 2 ? step : step / 2;
  const u = Math.max(1, Math.round(unit));
  const out = [];
  for (let v = 0; v <= max; v += u) out.push(v);
  return out;
}

// ---------------------------------------------------------------- network graph

async function loadNetwork() {
  const box = $("#network");
  const f = state.filters;
  // The pair in the filter bar narrows events; the network shows the neighbourhood of
  // the actor (either side) so the pair is seen among its other relations.
  const params = { from: f.from, to: f.to, code: f.code, quad: f.quad, involving: f.actor || f.target,
    level: $("#network-level").value, min_count: $("#network-min").value || 1, limit: 60 };
  let net;
  try {
    net = await api(`/api/network?${query(params)}`);
  } catch (e) {
    box.replaceChildren(h("p", { class: "hint", text: e.message }));
    return;
  }
  if (!net.edges.length) {
    box.replaceChildren(h("p", { class: "hint", text: "No actor pairs match these filters." }));
    $("#network-legend").replaceChildren();
    return;
  }
  box.replaceChildren(networkSvg(net));
  legend($("#network-legend"), [
    [goldsteinColor(-8), "hostile (mean Goldstein < 0)", true],
    [goldsteinColor(0), "neutral", true],
    [goldsteinColor(8), "cooperative (> 0)", true],
    ["#9aa5b1", "width: event records; click a node to filter", false],
  ]);
}

function layout(nodes, edges, W, H) {
  // Deterministic start on a circle (same data, same picture), then a simple force
  // simulation: all pairs repel, edges pull, gravity keeps the graph centred.
  const n = nodes.length;
  nodes.forEach((d, i) => {
    const a = (2 * Math.PI * i) / n;
    d.x = W / 2 + (W / 3) * Math.cos(a);
    d.y = H / 2 + (H / 3) * Math.sin(a);
    d.vx = 0; d.vy = 0;
  });
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.75;
  for (let it = 0; it < 300; it++) {
    const temp = 1 - it / 300;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) { dx = 0.1 * (i - j); dy = 0.1; d2 = dx * dx + dy * dy; }
        const f = (k * k) / d2;
        a.vx += dx * f * 0.02; a.vy += dy * f * 0.02;
        b.vx -= dx * f * 0.02; b.vy -= dy * f * 0.02;
      }
    }
    for (const e of edges) {
      const a = nodes[idx.get(e.source)], b = nodes[idx.get(e.target)];
      if (a === b) continue;
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = ((d - k) / d) * 0.05;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const d of nodes) {
      d.vx += (W / 2 - d.x) * 0.01; d.vy += (H / 2 - d.y) * 0.01;
      const v = Math.sqrt(d.vx * d.vx + d.vy * d.vy);
      const cap = 20 * temp + 0.5;
      if (v > cap) { d.vx *= cap / v; d.vy *= cap / v; }
      d.x = Math.max(30, Math.min(W - 30, d.x + d.vx));
      d.y = Math.max(20, Math.min(H - 20, d.y + d.vy));
      d.vx *= 0.6; d.vy *= 0.6;
    }
  }
}

function networkSvg(net) {
  const W = 640, H = 380;
  const nodes = net.nodes.map((d) => ({ ...d }));
  layout(nodes, net.edges, W, H);
  const byId = new Map(nodes.map((d) => [d.id, d]));
  const maxE = Math.max(...net.edges.map((e) => e.events));
  const maxN = Math.max(...nodes.map((d) => d.events));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network", id: "network-svg" });
  const defs = s("defs");
  defs.append(s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    s("path", { d: "M0,0 L10,5 L0,10 z", fill: "#9aa5b1" })));
  svg.append(defs);
  const radius = (d) => 5 + 13 * Math.sqrt(d.events / maxN);
  const eg = s("g", { class: "edges" });
  for (const e of net.edges) {
    const a = byId.get(e.source), b = byId.get(e.target);
    if (!a || !b || a === b) continue;
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
    // Curve each direction to its own side so A→B and B→A do not overlap.
    const mx = (a.x + b.x) / 2 - (dy / d) * 14, my = (a.y + b.y) / 2 + (dx / d) * 14;
    const rb = radius(b) + 2;
    const ex = b.x - (dx / d) * rb, ey = b.y - (dy / d) * rb;
    eg.append(s("path", {
      d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      fill: "none", stroke: goldsteinColor(e.goldstein_mean), "stroke-width": (1 + 5 * (e.events / maxE)).toFixed(2),
      "stroke-opacity": 0.8, "marker-end": "url(#arrow)", class: "edge",
    }, s("title", {}, `${e.source} → ${e.target}: ${e.events} records, ${e.mentions} mentions, mean Goldstein ${fmt(e.goldstein_mean, 2)}\n` +
      QUADS.map((q, i) => `${q.name}: ${e.quad[i]}`).join(", "))));
  }
  svg.append(eg);
  const ng = s("g", { class: "nodes" });
  for (const d of nodes) {
    const g = s("g", { class: "node", transform: `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`, "data-id": d.id });
    g.append(s("circle", { r: radius(d).toFixed(1), fill: "#1f3a5f", "fill-opacity": 0.85 },
      s("title", {}, `${d.id}: ${d.events} records (${d.out_events} as source, ${d.in_events} as target)`)));
    g.append(s("text", { x: radius(d) + 3, y: 4 }, d.id));
    g.addEventListener("click", () => {
      const f = state.filters;
      // First click sets the actor, a second node then the target: a pair in two clicks.
      if (!f.actor || (f.actor && f.target)) { f.actor = d.id; delete f.target; }
      else if (f.actor !== d.id) f.target = d.id;
      writeFilters(f);
      refresh();
    });
    ng.append(g);
  }
  svg.append(ng);
  return svg;
}

// ---------------------------------------------------------------- article view

// Byte spans → DOM: the text is cut at every annotation boundary (in bytes), and each
// piece is decoded separately, so multi-byte characters before a span cannot shift it.
function annotations(doc) {
  const anns = [];
  (doc.events || []).forEach((e, i) => anns.push({ kind: "ev", span: e.span, data: e, i, neg: e.negated }));
  (doc.actors || []).forEach((a, i) => anns.push({ kind: "actor", span: a.span, data: a, i }));
  (doc.quotes || []).forEach((q, i) => anns.push({ kind: "quote", span: q.span, data: q, i }));
  (doc.times || []).forEach((t, i) => anns.push({ kind: "time", span: t.span, data: t, i }));
  (doc.amounts || []).forEach((a, i) => anns.push({ kind: "amount", span: a.span, data: a, i }));
  return anns.filter((a) => Array.isArray(a.span) && a.span[0] < a.span[1]);
}

function renderText(container, doc) {
  const bytes = new TextEncoder().encode(doc.text || "");
  const dec = new TextDecoder();
  const anns = annotations(doc).filter((a) => a.span[1] <= bytes.length);
  const cuts = new Set([0, bytes.length]);
  for (const a of anns) { cuts.add(a.span[0]); cuts.add(a.span[1]); }
  const pts = [...cuts].sort((x, y) => x - y);
  const out = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const [b0, b1] = [pts[i], pts[i + 1]];
    const text = dec.decode(bytes.subarray(b0, b1));
    const cover = anns.filter((a) => a.span[0] <= b0 && b1 <= a.span[1]);
    if (!cover.length) { out.push(document.createTextNode(text)); continue; }
    const cls = ["ann", ...new Set(cover.map((a) => a.kind))];
    if (cover.some((a) => a.kind === "ev" && a.neg) && !cover.some((a) => a.kind === "ev" && !a.neg)) cls.push("neg");
    const el = h("span", { class: cls.join(" ") }, text);
    el.dataset.events = cover.filter((a) => a.kind === "ev").map((a) => a.i).join(",");
    el.hoverInfo = cover;
    out.push(el);
  }
  container.replaceChildren(...out);
}

function tipLines(a) {
  const d = a.data;
  switch (a.kind) {
    case "ev": return [
      h("b", { text: `${d.code} ${d.name}` }), d.negated ? " (negated)" : "", h("br"),
      `${d.source.code} (${d.source.text}) → ${d.target ? `${d.target.code} (${d.target.text})` : "no target"}`, h("br"),
      `Goldstein ${fmt(d.goldstein)} · QuadClass ${d.quad_class}${d.plover ? ` · PLOVER ${d.plover.type}${d.plover.mode ? `/${d.plover.mode}` : ""}` : ""}`, h("br"),
      `modality ${d.modality} · date ${d.date || "–"}${d.date_source ? ` (${d.date_source})` : ""}${d.confidence !== undefined ? ` · confidence ${d.confidence}` : ""}`, h("br"),
      `pattern ${d.pattern}`];
    case "actor": return [h("b", { text: d.code }), ` ${d.kind}: ${d.text}`, ...(d.entries || []).slice(0, 3).flatMap((e) => [h("br"), e])];
    case "quote": return [h("b", { text: "quote" }), d.speaker ? ` by ${d.speaker.name}${d.speaker.code ? ` (${d.speaker.code})` : ""}` : " (speaker unknown)", d.verb ? ` · ${d.verb}` : "", d.direct ? " · direct" : " · indirect"];
    case "time": return [h("b", { text: d.type }), ` ${d.text} = ${d.value}`];
    case "amount": return [h("b", { text: "amount" }), ` ${d.text} = ${d.value}${d.unit ? ` ${d.unit}` : ""}${d.object ? ` of ${d.object}` : ""}`];
    default: return [];
  }
}

function wireTips(container) {
  const tip = $("#tip");
  container.addEventListener("mouseover", (ev) => {
    const el = ev.target.closest(".ann");
    if (!el || !el.hoverInfo) return;
    const order = { ev: 0, actor: 1, quote: 2, time: 3, amount: 4 };
    const items = [...el.hoverInfo].sort((a, b) => order[a.kind] - order[b.kind]);
    tip.replaceChildren(...items.map((a) => h("div", {}, ...tipLines(a))));
    tip.hidden = false;
  });
  container.addEventListener("mousemove", (ev) => {
    tip.style.left = `${Math.min(ev.clientX + 14, window.innerWidth - 400)}px`;
    tip.style.top = `${ev.clientY + 16}px`;
  });
  container.addEventListener("mouseout", (ev) => {
    if (!ev.relatedTarget || !container.contains(ev.relatedTarget)) tip.hidden = true;
  });
}

function renderSide(side, doc, textBox) {
  const evs = (doc.events || []).map((e, i) =>
    h("li", { "data-event": i },
      h("span", { class: `quad q${e.quad_class}`, text: e.quad_class }), " ",
      h("span", { class: "code", text: `${e.source.code} → ${e.target ? e.target.code : "—"}` }), " ",
      `${e.code} ${e.name}`, e.negated ? " (negated)" : "",
      h("div", { class: "muted", text: `${e.modality} · ${e.date || "undated"}` })));
  for (const li of evs) {
    // Hovering an event in the list lights up its evidence in the text.
    li.addEventListener("mouseenter", () => {
      li.classList.add("active");
      for (const el of textBox.querySelectorAll(".ann.ev")) {
        if (el.dataset.events.split(",").includes(li.dataset.event)) el.classList.add("hl");
      }
    });
    li.addEventListener("mouseleave", () => {
      li.classList.remove("active");
      for (const el of textBox.querySelectorAll(".hl")) el.classList.remove("hl");
    });
  }
  const list = (title, items) => items.length ? [h("h3", { text: `${title} (${items.length})` }), h("ul", {}, items)] : [];
  side.replaceChildren(
    ...list("Events", evs),
    ...list("Quotes", (doc.quotes || []).map((q) => h("li", {},
      h("q", { text: q.text }), h("div", { class: "muted", text: q.speaker ? `${q.speaker.name}${q.speaker.code ? ` (${q.speaker.code})` : ""}` : "speaker unknown" })))),
    ...list("Dates", (doc.times || []).map((t) => h("li", {}, `${t.text} `, h("span", { class: "code", text: t.value })))),
    ...list("Amounts", (doc.amounts || []).map((a) => h("li", {}, `${a.text} = ${a.value}${a.unit ? ` ${a.unit}` : ""}${a.object ? ` (${a.object})` : ""}`))),
    ...list("People", (doc.persons || []).map((p) => h("li", {}, p.text, p.code ? h("span", { class: "code muted", text: ` ${p.code}` }) : null))),
    ...list("Organisations", (doc.organizations || []).map((o) => h("li", { text: o.text }))),
    ...list("Places", (doc.locations || []).map((l) => h("li", {}, l.text, l.country ? h("span", { class: "muted", text: ` ${l.country}` }) : null))),
  );
  if (!side.childNodes.length) side.append(h("p", { class: "muted", text: "No annotations." }));
}

function annotationLegend(el) {
  el.replaceChildren(
    h("span", {}, h("span", { class: "ann ev", text: "event" })),
    h("span", {}, h("span", { class: "ann actor", text: "actor" })),
    h("span", {}, h("span", { class: "ann quote", text: "quotation" })),
    h("span", {}, h("span", { class: "ann time", text: "date/time" })),
    h("span", {}, h("span", { class: "ann amount", text: "amount" })),
    h("span", { text: "hover for code, pattern, modality, date" }));
}

async function openArticle(id) {
  const card = $("#article-card");
  card.hidden = false;
  let doc;
  try {
    doc = await api(`/api/articles/${encodeURIComponent(id)}`);
  } catch (e) {
    $("#article-title").textContent = "Article";
    $("#article-meta").textContent = e.message;
    $("#article-text").replaceChildren();
    $("#article-side").replaceChildren();
    return;
  }
  $("#article-title").textContent = doc.title || doc.id;
  const meta = [doc.date, doc.source || doc.outlet, `${doc.events.length} events`, doc.tone ? `tone ${fmt(doc.tone.tone, 2)}` : null]
    .filter(Boolean).join(" · ");
  $("#article-meta").replaceChildren(meta, doc.url ? " · " : "", doc.url ? safeLink(doc.url) : "");
  annotationLegend($("#article-legend"));
  renderText($("#article-text"), doc);
  renderSide($("#article-side"), doc, $("#article-text"));
  state.article = String(id);
  toHash({ article: id });
  card.scrollIntoView({ behavior: "smooth", block: "start" });
}

// Only http(s) URLs become links (a javascript: URL in an article must not).
function safeLink(url) {
  try {
    const u = new URL(url);
    if (u.protocol === "http:" || u.protocol === "https:") {
      return h("a", { href: u.href, rel: "noopener noreferrer", target: "_blank", text: url });
    }
  } catch { /* not a URL */ }
  return h("span", { text: url });
}

// ---------------------------------------------------------------- code this text

async function codeText(ev) {
  ev.preventDefault();
  const text = $("#code-text").value;
  if (!text.trim()) return;
  $("#code-status").textContent = "coding…";
  try {
    const doc = await api("/api/code", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, date: $("#code-date").value || null }),
    });
    $("#code-status").textContent = `${doc.events.length} events, ${doc.actors.length} actors in ${fmt(doc.elapsed_ms, 0)} ms`;
    renderText($("#code-text-out"), doc);
    renderSide($("#code-side"), doc, $("#code-text-out"));
  } catch (e) {
    $("#code-status").textContent = e.message;
  }
}

// ---------------------------------------------------------------- quotes

async function searchQuotes(ev) {
  if (ev) ev.preventDefault();
  const list = $("#quotes");
  try {
    const r = await api(`/api/quotes?${query({ speaker: $("#quotes-speaker").value.trim(), text: $("#quotes-text").value.trim(), limit: 40 })}`);
    const items = r.quotes.map((q) => h("li", {},
      h("q", { text: q.text }),
      h("div", { class: "muted" },
        `${q.speaker || "unknown speaker"}${q.speaker_code ? ` (${q.speaker_code})` : ""} · ${q.published || "undated"} · `,
        h("a", { href: `#article=${q.article_id}`, onclick: (e) => { e.preventDefault(); openArticle(q.article_id); }, text: "article" }))));
    list.replaceChildren(...(items.length ? items : [h("li", { class: "muted", text: "No quotations match." })]));
  } catch (e) {
    list.replaceChildren(h("li", { class: "error", text: e.message }));
  }
}

// ---------------------------------------------------------------- wiring

function init() {
  const { f, article } = fromHash();
  state.filters = f;
  writeFilters(f);
  $("#events-sort").value = state.sort;
  $("#filters").addEventListener("submit", (ev) => {
    ev.preventDefault();
    state.filters = readFilters();
    refresh();
  });
  $("#reset").addEventListener("click", () => { state.filters = {}; writeFilters({}); refresh(); });
  $("#events-sort").addEventListener("change", () => { state.sort = $("#events-sort").value; state.offset = 0; loadEvents(); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  $("#timeline-by").addEventListener("change", loadTimeline);
  $("#network-level").addEventListener("change", loadNetwork);
  $("#network-min").addEventListener("change", loadNetwork);
  $("#article-close").addEventListener("click", () => { $("#article-card").hidden = true; state.article = null; toHash(); });
  $("#code-form").addEventListener("submit", codeText);
  $("#quotes-form").addEventListener("submit", searchQuotes);
  wireTips($("#article-text"));
  wireTips($("#code-text-out"));
  loadStats();
  refresh().then(() => { if (article) openArticle(article); });
  searchQuotes();
  // A pasted or edited link (#article=12) opens that article without a reload.
  window.addEventListener("hashchange", () => {
    const { article: id } = fromHash();
    if (id && id !== state.article) openArticle(id);
  });
}

document.addEventListener("DOMContentLoaded", init);
