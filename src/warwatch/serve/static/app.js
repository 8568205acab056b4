/* warwatch web page: map, timeline, event list and the evidence panel.
 *
 * Everything shown from the database is untrusted text (articles are scraped pages), so the
 * DOM is built with createElement and textContent only; no markup is ever parsed from data.
 */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Riots": "#d4a017",
  "Protests": "#2e86c1",
  "Strategic developments": "#27ae60",
};
const OTHER_COLOUR = "#7f8c8d";
const MAP_CELLS = 2000; // markers: events grouped by place (0.01 degree) and type, the busiest first
const LIST_LIMIT = 200;
const SVG_NS = "http://www.w3.org/2000/svg";

const state = { map: null, markers: null, request: 0, selected: null, days: [], area: null };

/* ------------------------------------------------------------------ small DOM helpers */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  return node;
}

function colourOf(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

function fatalitiesText(row) {
  const low = row.fatalities_low, high = row.fatalities_high;
  if (low === undefined || low === null) return String(row.fatalities);
  return high !== null && high !== undefined && high !== low ? `${low}–${high}` : String(low);
}

/* A link only to web addresses: a `javascript:` URL from a page must never become clickable. */
function safeLink(url, label) {
  let parsed = null;
  try { parsed = new URL(url); } catch (e) { parsed = null; }
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) return el("span", { text: label });
  return el("a", { href: parsed.href, rel: "noopener noreferrer nofollow", target: "_blank", text: label });
}

/* ------------------------------------------------------------------ filters and fetching */

function filterParams() {
  const params = new URLSearchParams();
  const add = (name, id) => {
    const value = document.getElementById(id).value.trim();
    if (value) params.set(name, value);
  };
  add("event_type", "f-type");
  add("country", "f-country");
  add("date_from", "f-from");
  add("date_to", "f-to");
  add("q", "f-q");
  if (state.area) params.set("bbox", state.area.bbox.join(","));
  return params;
}

async function getJSON(path, params) {
  const url = params && [...params].length ? `${path}?${params}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail
      : Array.isArray(body.detail) ? body.detail.map((d) => d.msg).join("; ") : response.statusText;
    throw new Error(detail);
  }
  return body;
}

function showError(message) {
  document.getElementById("summary-count").textContent = `Could not load events: ${message}`;
  document.getElementById("summary-fatalities").textContent = "";
}

async function refresh() {
  const ticket = ++state.request;
  const params = filterParams();
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  for (const fmt of ["csv", "geojson", "jsonl"]) {
    document.getElementById(`export-${fmt}`).href = `/api/export/events.${fmt}${params.toString() ? "?" + params : ""}`;
  }
  const listParams = new URLSearchParams(params);
  listParams.set("limit", String(LIST_LIMIT));
  listParams.set("order", "-event_date");
  listParams.set("total", "true");
  const mapParams = new URLSearchParams(params);
  mapParams.set("limit", String(MAP_CELLS));
  const dayParams = new URLSearchParams(params);
  dayParams.set("limit", "100000");
  showArea();
  let events, cells, days;
  try {
    [events, cells, days] = await Promise.all([getJSON("/api/events", listParams), getJSON("/api/map", mapParams),
      getJSON("/api/aggregates/per_day", dayParams)]);
  } catch (error) {
    if (ticket === state.request) showError(error.message);
    return;
  }
  if (ticket !== state.request) return; // a newer filter change is on its way
  const fatalities = days.items.reduce((sum, d) => sum + d.fatalities, 0);
  document.getElementById("summary-count").textContent =
    `${events.total.toLocaleString("en")} event${events.total === 1 ? "" : "s"} match`;
  document.getElementById("summary-fatalities").textContent =
    `${fatalities.toLocaleString("en")} reported fatalities (lowest figures)`;
  drawMarkers(cells.items, cells.total_cells);
  drawTimeline(days.items);
  drawList(events.items, events.total);
}

/* ------------------------------------------------------------------ map */

async function setupMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 12, attributionControl: false })
    .setView([20, 20], 2);
  state.map = map;
  const outlines = await getJSON("/static/countries.geojson");
  L.geoJSON(outlines, {
    interactive: false,
    style: () => ({ color: "#9aa5ad", weight: 0.7, fillColor: "#eef0ea", fillOpacity: 1 }),
  }).addTo(map);
  state.markers = L.layerGroup().addTo(map);
}

function radiusOf(fatalities) {
  return Math.min(30, 5 + 2 * Math.sqrt(Math.max(0, fatalities || 0))); // capped: a busy place stays readable
}

function tooltipOf(cell) {
  const count = cell.events === 1 ? "1 event" : `${cell.events.toLocaleString("en")} events (latest ${cell.last_date})`;
  return el("div", { className: "tip" },
    el("strong", { text: `${cell.event_type}` }),
    el("div", { text: [cell.location, cell.country].filter(Boolean).join(", ") }),
    el("div", { text: `${count} · ${cell.fatalities.toLocaleString("en")} fatalities` }),
    el("div", { className: "muted", text: cell.events === 1 ? "click to open it" : "click to list them" }));
}

/* One circle per place and event type (the API groups events in cells of 0.01 degree), so the map
 * stays light however many events match; a cell of one event opens it, a busier one filters to it. */
function drawMarkers(cells, totalCells) {
  state.markers.clearLayers();
  const ordered = cells.map((cell, rank) => ({ ...cell, rank }))
    .sort((a, b) => b.fatalities - a.fatalities); // small circles on top
  const bounds = [];
  for (const cell of ordered) {
    const marker = L.circleMarker([cell.latitude, cell.longitude], {
      radius: radiusOf(cell.fatalities), color: "#ffffff", weight: 1,
      fillColor: colourOf(cell.event_type), fillOpacity: 0.8, className: "event-marker",
    });
    marker.bindTooltip(tooltipOf(cell), { direction: "top" });
    marker.on("click", () => {
      if (cell.events === 1) openEvent(cell.event_id);
      else selectArea(cell);
    });
    marker.addTo(state.markers);
    const node = marker.getElement();
    if (node) {
      node.dataset.rank = String(cell.rank); // the cell's place in the API's answer, busiest first
      node.dataset.events = String(cell.events);
      node.dataset.bbox = cell.bbox.join(",");
    }
    bounds.push([cell.latitude, cell.longitude]);
  }
  document.getElementById("map-note").textContent = totalCells > cells.length
    ? `Map: the busiest ${cells.length.toLocaleString("en")} of ${totalCells.toLocaleString("en")} places`
    : `Map: ${totalCells.toLocaleString("en")} place${totalCells === 1 ? "" : "s"}`;
  if (bounds.length) state.map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 });
}

function selectArea(cell) {
  state.area = { bbox: cell.bbox, label: [cell.location, cell.country].filter(Boolean).join(", ") };
  refresh();
}

function showArea() {
  const box = document.getElementById("area");
  box.hidden = !state.area;
  document.getElementById("area-label").textContent = state.area ? state.area.label : "";
}

/* ------------------------------------------------------------------ timeline */

function drawTimeline(days) {
  state.days = days;
  const chart = document.getElementById("timeline");
  chart.replaceChildren();
  const range = document.getElementById("timeline-range");
  if (!days.length) {
    range.textContent = "no events";
    return;
  }
  const first = new Date(days[0].event_date + "T00:00:00Z");
  const last = new Date(days[days.length - 1].event_date + "T00:00:00Z");
  const span = Math.round((last - first) / 86400000) + 1;
  range.textContent = span === 1 ? days[0].event_date : `${days[0].event_date} to ${days[days.length - 1].event_date}`;
  const width = chart.clientWidth || 800, height = 110, bottom = 18, top = 8;
  chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const most = Math.max(...days.map((d) => d.events));
  const slot = width / span;
  const barWidth = Math.max(1, Math.min(24, slot * 0.8));
  chart.append(svg("line", { x1: 0, x2: width, y1: height - bottom, y2: height - bottom, class: "axis" }));
  for (const day of days) {
    const offset = Math.round((new Date(day.event_date + "T00:00:00Z") - first) / 86400000);
    const barHeight = Math.max(2, (height - bottom - top) * day.events / most);
    const bar = svg("rect", {
      x: offset * slot + (slot - barWidth) / 2, y: height - bottom - barHeight, width: barWidth, height: barHeight,
      class: "bar", "data-date": day.event_date,
    });
    const title = svg("title");
    title.textContent = `${day.event_date}: ${day.events} event${day.events === 1 ? "" : "s"}, ${day.fatalities} fatalities`;
    bar.append(title);
    bar.addEventListener("click", () => {
      document.getElementById("f-from").value = day.event_date;
      document.getElementById("f-to").value = day.event_date;
      refresh();
    });
    chart.append(bar);
  }
  for (const [x, label, anchor] of [[0, days[0].event_date, "start"], [width, days[days.length - 1].event_date, "end"]]) {
    const text = svg("text", { x, y: height - 4, "text-anchor": anchor, class: "tick" });
    text.textContent = label;
    chart.append(text);
  }
}

/* ------------------------------------------------------------------ event list */

function drawList(rows, total) {
  const body = document.getElementById("event-rows");
  body.replaceChildren();
  const shown = rows.slice(0, LIST_LIMIT);
  document.getElementById("list-note").textContent =
    total > shown.length ? `(latest ${shown.length} of ${total.toLocaleString("en")}; narrow the filters to see others)` : "";
  for (const row of shown) {
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colourOf(row.event_type);
    const tr = el("tr", { "data-event-id": row.event_id, tabindex: 0 },
      el("td", { className: "nowrap", text: row.event_date }),
      el("td", {}, swatch, row.sub_event_type || row.event_type),
      el("td", { text: [row.location, row.country].filter(Boolean).join(", ") }),
      el("td", { text: [row.actor1, row.actor2].filter(Boolean).join(" vs ") }),
      el("td", { className: "num", text: fatalitiesText(row) }));
    tr.addEventListener("click", () => openEvent(row.event_id));
    tr.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(row.event_id); });
    if (row.event_id === state.selected) tr.classList.add("selected");
    body.append(tr);
  }
}

/* ------------------------------------------------------------------ event panel */

/* The article text with the [start, end) code-point spans marked; JS strings count UTF-16 units,
 * so the text is split into code points first. */
function highlighted(text, spans) {
  const points = Array.from(text);
  const ordered = spans.slice().sort((a, b) => a[0] - b[0]);
  const box = el("div", { className: "article-text" });
  let at = 0;
  for (const [start, end] of ordered) {
    if (start < at || end > points.length || start >= end) continue; // overlapping or out of range
    box.append(document.createTextNode(points.slice(at, start).join("")));
    box.append(el("mark", { className: "evidence", text: points.slice(start, end).join("") }));
    at = end;
  }
  box.append(document.createTextNode(points.slice(at).join("")));
  return box;
}

function section(title, ...children) {
  return el("section", { className: "panel-section" }, el("h3", { text: title }), ...children);
}

function factRow(label, value) {
  if (value === null || value === undefined || value === "") return null;
  return el("div", { className: "fact" }, el("dt", { text: label }), el("dd", { text: String(value) }));
}

function claimFigure(claim) {
  if (claim.number_low === null) return "no figure";
  return claim.number_high !== null && claim.number_high !== claim.number_low
    ? `${claim.number_low}–${claim.number_high}` : String(claim.number_low);
}

function claimsTable(claims) {
  if (!claims.length) return el("p", { className: "muted", text: "No casualty claims were linked to this event." });
  const body = el("tbody");
  for (const claim of claims) {
    const outlets = claim.sources.map((s) => [s.outlet || s.article_id, s.reported_date].filter(Boolean).join(", "));
    body.append(el("tr", { className: "claim" },
      el("td", { className: "num", text: claimFigure(claim) }),
      el("td", {}, el("div", { text: `${claim.quantity} · ${claim.victims}` }),
        el("div", { className: "muted", text: `“${claim.number_text}” · ${claim.scope}` })),
      el("td", { className: "claimant", text: claim.claimant || "unattributed" }),
      el("td", { text: outlets.join("; ") })));
  }
  return el("table", { className: "claims" },
    el("thead", {}, el("tr", {}, el("th", { className: "num", text: "Figure" }), el("th", { text: "Of what" }),
      el("th", { text: "Claimed by" }), el("th", { text: "Reported in" }))), body);
}

async function evidenceBlocks(event) {
  const byArticle = new Map();
  for (const item of event.evidence) {
    if (!byArticle.has(item.article_id)) byArticle.set(item.article_id, []);
    byArticle.get(item.article_id).push([item.char_start, item.char_end]);
  }
  const blocks = [];
  for (const [articleId, spans] of byArticle) {
    let article;
    try {
      article = await getJSON(`/api/articles/${encodeURIComponent(articleId)}`);
    } catch (error) {
      blocks.push(el("p", { className: "muted", text: `Article ${articleId} could not be loaded: ${error.message}` }));
      continue;
    }
    const head = el("div", { className: "article-head" },
      el("div", { className: "article-title", text: article.title || articleId }),
      el("div", { className: "muted" }, [article.source, article.published].filter(Boolean).join(" · "),
        article.url ? " · " : "", article.url ? safeLink(article.url, "original page") : null));
    blocks.push(el("div", { className: "evidence-block", "data-article-id": articleId }, head,
      highlighted(article.text, spans)));
  }
  return blocks;
}

async function openEvent(eventId) {
  state.selected = eventId;
  for (const tr of document.querySelectorAll("#event-rows tr")) {
    tr.classList.toggle("selected", tr.dataset.eventId === eventId);
  }
  const panel = document.getElementById("panel");
  const body = document.getElementById("panel-body");
  panel.hidden = false;
  state.map.invalidateSize();
  body.replaceChildren(el("p", { className: "muted", text: "Loading the event…" }));
  let event;
  try {
    event = await getJSON(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    body.replaceChildren(el("p", { text: `Could not load the event: ${error.message}` }));
    return;
  }
  if (state.selected !== eventId) return;
  const badge = el("span", { className: "badge", text: event.event_type });
  badge.style.background = colourOf(event.event_type);
  const where = [event.location, event.admin1, event.country].filter(Boolean).join(", ");
  const sources = el("ul", { className: "sources" }, ...event.sources.map((s) => el("li", {},
    el("strong", { text: s.outlet || "unknown outlet" }), ` · ${s.reported_date || "undated"} · `,
    el("code", { text: s.article_id }))));
  const facts = el("dl", { className: "facts" },
    factRow("Date", `${event.event_date}${event.time_precision > 1 ? ` (precision: ${event.time_precision === 2 ? "week" : "month"})` : ""}`),
    factRow("Actor 1", event.actor1), factRow("Actor 2", event.actor2),
    factRow("Fatalities", event.fatalities_low === event.fatalities_high ? String(event.fatalities)
      : `${event.fatalities} (reports range ${event.fatalities_low}–${event.fatalities_high})`),
    factRow("Injuries", event.injuries),
    factRow("Place", `${where}${event.latitude !== null ? ` (${event.latitude}, ${event.longitude}; precision ${event.geo_precision})` : ""}`),
    factRow("Event id", event.event_id),
    event.requested_id !== event.event_id ? factRow("Asked for", `${event.requested_id} (merged into this event)`) : null);
  body.replaceChildren(
    el("header", { className: "panel-head" }, badge,
      el("h2", { id: "panel-title", text: event.sub_event_type }),
      el("p", { className: "notes", text: event.notes })),
    facts,
    section(`Evidence (${event.evidence.length})`, ...(await evidenceBlocks(event))),
    section(`Sources (${event.sources.length})`, sources),
    section(`Claims (${event.claims.length})`, claimsTable(event.claims)));
  if (state.selected !== eventId) return;
  const first = body.querySelector("mark.evidence");
  if (first) first.scrollIntoView({ block: "center" });
  body.scrollTop = 0;
}

/* ------------------------------------------------------------------ start */

function fillSelect(id, values) {
  const select = document.getElementById(id);
  for (const [value, label] of values) select.append(el("option", { value, text: label }));
}

function drawLegend(types) {
  const legend = document.getElementById("legend");
  for (const type of Object.keys(TYPE_COLOURS)) {
    const count = (types.find((t) => t.event_type === type) || { events: 0 }).events;
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = colourOf(type);
    legend.append(el("li", {}, swatch, `${type} `, el("span", { className: "muted", text: `(${count})` })));
  }
}

async function start() {
  let overview;
  try {
    overview = await getJSON("/api/overview");
  } catch (error) {
    showError(error.message);
    return;
  }
  fillSelect("f-type", Object.keys(TYPE_COLOURS).map((t) => [t, t]));
  fillSelect("f-country", overview.countries.map((c) => [c.country, `${c.country} (${c.events})`]));
  drawLegend(overview.event_types);
  for (const id of ["f-from", "f-to"]) {
    if (overview.date_from) document.getElementById(id).min = overview.date_from;
    if (overview.date_to) document.getElementById(id).max = overview.date_to;
  }
  const given = new URLSearchParams(location.search);
  for (const [name, id] of [["event_type", "f-type"], ["country", "f-country"], ["date_from", "f-from"],
    ["date_to", "f-to"], ["q", "f-q"]]) {
    if (given.get(name)) document.getElementById(id).value = given.get(name);
  }
  const bbox = (given.get("bbox") || "").split(",").map(Number);
  if (bbox.length === 4 && bbox.every(Number.isFinite)) state.area = { bbox, label: bbox.join(", ") };
  await setupMap();
  const form = document.getElementById("filters");
  form.addEventListener("change", refresh);
  form.addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  form.addEventListener("reset", () => { state.area = null; setTimeout(refresh, 0); });
  document.getElementById("area-clear").addEventListener("click", () => { state.area = null; refresh(); });
  let typing = null;
  document.getElementById("f-q").addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(refresh, 300);
  });
  document.getElementById("panel-close").addEventListener("click", () => {
    document.getElementById("panel").hidden = true;
    state.selected = null;
    state.map.invalidateSize();
  });
  new ResizeObserver(() => drawTimeline(state.days)).observe(document.getElementById("timeline"));
  await refresh();
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
