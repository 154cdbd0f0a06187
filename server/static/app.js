// app.js: the search page, enhanced. Without it the page is a plain GET
// form rendered on the server; with it, searches, facet clicks and paging
// fetch /api/quotes and redraw the results in place, keeping the address
// bar (and so the back button) in step.
//
// Everything shown comes from untrusted articles, so text is set with
// textContent and elements made with createElement; no HTML string from
// the API is ever assigned to innerHTML.
"use strict";

(function () {
  if (!window.fetch || !window.URLSearchParams) {
    return;
  }

  // el makes an element with attributes and children (strings become text).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === true) e.setAttribute(k, "");
      else if (v !== false && v != null) e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c == null || c === false) continue;
      e.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  // safeURL returns u when it is an absolute http(s) URL, else "".
  function safeURL(u) {
    try {
      const p = new URL(u);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : "";
    } catch (e) {
      return "";
    }
  }

  // day returns the date of an RFC 3339 time as [ISO day, "4 May 2026"], or
  // null when it is missing or unreadable.
  function day(t) {
    if (!t) return null;
    const d = new Date(t);
    if (isNaN(d)) return null;
    return [d.toISOString().slice(0, 10),
      d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })];
  }

  // timeEl returns a <time> element for t, or null.
  function timeEl(t) {
    const d = day(t);
    return d ? el("time", { datetime: d[0] }, d[1]) : null;
  }

  // getJSON fetches url and returns [ok, status, body]; body is null when
  // the answer is not JSON.
  async function getJSON(url, signal) {
    const resp = await fetch(url, { headers: { Accept: "application/json" }, signal: signal });
    let body = null;
    try {
      body = await resp.json();
    } catch (e) {
      body = null;
    }
    return [resp.ok && body != null, resp.status, body];
  }

  // errorText is the message for a failed API call.
  function errorText(what, status, body) {
    return (body && typeof body.error === "string" && body.error) || what + " failed (HTTP " + status + ").";
  }

  // KIND_LABELS name the kinds of quote for people, as kindLabels in
  // page.go does.
  const KIND_LABELS = {
    direct: "Direct quote",
    partial: "Partial quote",
    indirect: "Reported speech",
    belief: "Belief or finding",
  };

  searchPage();
  claimsPage();
  copyButtons();
  claimLinks();

  // claimLinks points the claim links of speaker pages, which open the
  // widget's card without a script, at the claim's card in the page's
  // Claims tab.
  function claimLinks() {
    for (const a of document.querySelectorAll("a[data-claim-link]")) {
      a.href = "/#claim=" + encodeURIComponent(a.getAttribute("data-claim-link"));
    }
  }

  // copyButtons makes the buttons with data-copy="ID" copy the value of
  // the field ID (the citation of a quote's page). They are hidden until
  // the script shows them, as they do nothing without it.
  function copyButtons() {
    for (const b of document.querySelectorAll("button[data-copy]")) {
      const field = document.getElementById(b.getAttribute("data-copy"));
      const status = document.getElementById("copy-status");
      if (!field) continue;
      b.hidden = false;
      b.addEventListener("click", async () => {
        let ok = false;
        try {
          await navigator.clipboard.writeText(field.value);
          ok = true;
        } catch (e) {
          field.focus();
          field.select();
          ok = document.execCommand && document.execCommand("copy");
        }
        if (status) status.textContent = ok ? "Copied." : "Select the text and copy it.";
      });
    }
  }

  function searchPage() {
    const form = document.getElementById("search");
    const results = document.getElementById("results");
    if (!form || !results) {
      return;
    }

    const MAX_WINDOW = 10000; // keep in step with maxResultWindow in api.go
    const FIELDS = ["q", "speaker", "outlet", "kind", "from", "to", "sort"];
    const DEBOUNCE_MS = 250;
    let typing = null; // the timer of a search as you type
    let burst = null; // the URL the current burst of typing put in history
    let shown = location.search; // the search whose results are shown
    let inflight = null;

    // clean drops empty parameters and sorts the rest, like the server's links.
    function clean(params) {
      const out = new URLSearchParams();
      for (const [k, v] of params) {
        if (v.trim() !== "" && !out.has(k)) out.set(k, v);
      }
      out.sort();
      return out;
    }

    // link returns the page URL for params with the entries of set replaced
    // ("" removes one).
    function link(params, set) {
      const p = new URLSearchParams(params);
      // A cursor belongs to one search and page: a link that changes
      // either starts from the first page.
      if ("page" in set && !("after" in set)) p.delete("after");
      for (const [k, v] of Object.entries(set)) {
        if (v === "") p.delete(k);
        else p.set(k, v);
      }
      const s = clean(p).toString();
      return s ? "/?" + s : "/";
    }

    // highlight turns a highlight fragment (escaped text with <mark> tags)
    // into nodes. The fragment is parsed by DOMParser into an inert document
    // (no scripts run, nothing loads); only its text and <mark> elements are
    // copied out, as new text nodes and new <mark> elements.
    function highlight(fragment) {
      const doc = new DOMParser().parseFromString(fragment, "text/html");
      const out = document.createDocumentFragment();
      (function walk(node, marked) {
        for (const child of node.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) {
            const text = document.createTextNode(child.nodeValue);
            if (marked) out.append(el("mark", null, text));
            else out.append(text);
          } else if (child.nodeType === Node.ELEMENT_NODE) {
            walk(child, marked || child.localName === "mark");
          }
        }
      })(doc.body, false);
      return out;
    }

    function renderHit(hit) {
      const q = hit.quote || {};
      const quote = el("blockquote");
      const frags = (hit.highlights && hit.highlights.quote) || [];
      if (frags.length) {
        frags.forEach((f, i) => {
          if (i > 0) quote.append(" … ");
          quote.append(highlight(f));
        });
      } else {
        quote.textContent = q.quote || "";
      }

      const who = el("span", { class: "who" },
        q.speaker
          ? el("a", { class: "speaker", href: "/speakers/" + encodeURIComponent(q.speaker) }, q.speaker)
          : el("span", { class: "speaker unknown" }, "Unattributed"));
      if (q.role) who.append(", ", el("span", { class: "role" }, q.role));

      const meta = el("span", { class: "meta" });
      if (KIND_LABELS[q.kind]) meta.append(el("span", { class: "kind" }, KIND_LABELS[q.kind]));
      const c = q.corrected;
      if (c && c.fields && c.fields.length) {
        // As the page says it: "speaker corrected on 29 Nov 2026: named two lines up".
        let what = c.fields.join(" and ") + " corrected";
        const at = new Date(c.at || "");
        if (c.at && !isNaN(at) && at.getUTCFullYear() > 1) {
          what += " on " + at.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
        }
        if (c.reason) what += ": " + c.reason;
        meta.append(el("span", { class: "corrected", title: what }, "Corrected",
          el("span", { class: "visually-hidden" }, ": " + what)));
      }
      if (q.outlet) meta.append(el("span", { class: "outlet" }, q.outlet));
      if (q.published) {
        const d = new Date(q.published);
        if (!isNaN(d)) {
          meta.append(el("time", { datetime: d.toISOString().slice(0, 10) },
            d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })));
        }
      }
      const url = safeURL(q.url || "");
      if (url) {
        meta.append(el("a", { class: "article", href: url, rel: "noopener noreferrer nofollow" },
          q.title || new URL(url).host));
      } else if (q.title) {
        meta.append(el("span", { class: "article" }, q.title));
      }
      if (q.appearances > 1) {
        // As the page says it: "3 appearances, first in Coastline Wire on 2 Jun 2026".
        let line = q.appearances + " appearances";
        const f = q.first_appearance;
        if (f) {
          line += f.outlet ? ", first in " + f.outlet : ", first";
          const fd = new Date(f.published || "");
          if (f.published && !isNaN(fd)) {
            line += " on " + fd.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
          }
        }
        meta.append(q.id
          ? el("a", { class: "appearances", href: "/quotes/" + encodeURIComponent(q.id) + "#appearances" }, line)
          : el("span", { class: "appearances" }, line));
      }
      if (q.id) {
        meta.append(el("a", { class: "permalink", href: "/quotes/" + encodeURIComponent(q.id) }, "Permalink",
          el("span", { class: "visually-hidden" }, " to this quote" + (q.speaker ? " by " + q.speaker : ""))));
      }

      const caption = el("figcaption", null, who);
      if (q.cue) caption.append(" ", el("span", { class: "cue" }, "(" + q.cue + ")"));
      caption.append(" ", meta);
      const figure = el("figure", null, quote, caption);
      const sentence = (q.sentence || "").trim();
      if (sentence && sentence !== (q.quote || "").trim()) {
        const ctx = el("p", { class: "context" }, el("span", { class: "context-label" }, "In context:"), " ");
        const sfrags = (hit.highlights && hit.highlights.sentence) || [];
        if (sfrags.length) ctx.append(highlight(sfrags[0]));
        else ctx.append(sentence);
        figure.append(ctx);
      }
      return el("li", { class: "hit" }, figure);
    }

    // renderTimeline draws the timeline of a search as the server does
    // (partials.html): an SVG bar per period, each a link narrowing the
    // search to it.
    function renderTimeline(tl, params) {
      if (!tl || !Array.isArray(tl.buckets) || !tl.buckets.length) return null;
      const SVG = "http://www.w3.org/2000/svg";
      const SLOT = 10, GAP = 2, HEIGHT = 60, MIN = 2, MIN_SLOTS = 12; // as in timeline.go
      const byMonth = tl.interval === "month", byYear = tl.interval === "year";
      const name = (term) => {
        if (byYear) return term;
        const d = new Date(byMonth ? term + "-01T00:00:00Z" : term + "T00:00:00Z");
        if (isNaN(d)) return term;
        return byMonth
          ? d.toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" })
          : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
      };
      // A bar's dates, clamped to the search's own range: a bar narrows
      // the search, never widens it (as timeline.go does).
      const range = (term) => {
        let from = term, to = term;
        if (byYear) {
          from = term + "-01-01";
          to = term + "-12-31";
        } else if (byMonth) {
          const [y, m] = term.split("-").map(Number);
          from = term + "-01";
          to = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        }
        const f = (params.get("from") || "").slice(0, 10), t = (params.get("to") || "").slice(0, 10);
        if (/^\d{4}-\d\d-\d\d$/.test(f) && f > from) from = f;
        if (/^\d{4}-\d\d-\d\d$/.test(t) && t < to) to = t;
        return [from, to];
      };
      let peak = 0, total = 0;
      for (const b of tl.buckets) {
        peak = Math.max(peak, b.count);
        total += b.count;
      }
      const first = name(tl.buckets[0].term), last = name(tl.buckets[tl.buckets.length - 1].term);
      const earlier = tl.earlier > 0 ? " (and " + tl.earlier + (tl.earlier === 1 ? " earlier quote)" : " earlier quotes)") : "";
      const caption = (total === 1 ? "1 quote" : total + " quotes") + " by " + tl.interval +
        ", " + first + (last !== first ? " to " + last : "") + earlier;
      const slots = Math.max(tl.buckets.length, MIN_SLOTS);
      const left = (slots - tl.buckets.length) * SLOT / 2;
      const svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("viewBox", "0 0 " + slots * SLOT + " " + HEIGHT);
      svg.setAttribute("preserveAspectRatio", "none");
      svg.setAttribute("role", "group");
      svg.setAttribute("aria-labelledby", "timeline-caption");
      svg.setAttribute("focusable", "false");
      tl.buckets.forEach((b, i) => {
        const label = name(b.term) + ": " + (b.count === 1 ? "1 quote" : b.count + " quotes");
        const h = b.count > 0 && peak > 0 ? MIN + (b.count / peak) * (HEIGHT - MIN) : 0.5;
        const rect = document.createElementNS(SVG, "rect");
        for (const [k, v] of Object.entries({ x: left + i * SLOT + GAP / 2, y: HEIGHT - h, width: SLOT - GAP, height: h })) {
          rect.setAttribute(k, String(Math.round(v * 100) / 100));
        }
        const title = document.createElementNS(SVG, "title");
        title.textContent = label;
        rect.append(title);
        if (b.count > 0) {
          const [from, to] = range(b.term);
          const a = document.createElementNS(SVG, "a");
          a.setAttribute("href", link(params, { from: from, to: to, page: "" }));
          a.setAttribute("data-nav", "");
          a.setAttribute("aria-label", label);
          a.append(rect);
          svg.append(a);
        } else {
          rect.setAttribute("class", "empty");
          rect.setAttribute("aria-hidden", "true");
          svg.append(rect);
        }
      });
      return el("figure", { class: "timeline", "aria-labelledby": "timeline-caption" }, el("figcaption", { id: "timeline-caption" }, caption), svg,
        el("p", { class: "timeline-range" }, el("span", null, first), el("span", null, last)));
    }

    function renderFacet(title, id, param, active, counts, params, labels) {
      if (!counts || !counts.length) return null;
      const list = el("ul", { "aria-labelledby": id });
      for (const f of counts) {
        const isActive = f.term === active;
        list.append(el("li", null,
          el("a", {
            href: link(params, { [param]: isActive ? "" : f.term, page: "" }),
            "data-nav": true,
            "aria-current": isActive ? "true" : null,
          }, (labels && labels[f.term]) || f.term),
          " ",
          el("span", { class: "count" }, String(f.count))));
      }
      const frag = document.createDocumentFragment();
      frag.append(el("h2", { id: id }, title), list);
      return frag;
    }

    function summary(data, params) {
      if (data.total === 0) return "No quotes found.";
      if (!data.hits.length) {
        const pages = Math.max(1, Math.ceil(data.total / data.size));
        return (data.total === 1 ? "1 quote" : data.total + " quotes") + "; page " + data.page +
          " is past the last page, " + pages + ".";
      }
      if (data.total === 1) return "1 quote.";
      if (params.get("after")) return data.total + " quotes; showing " + data.hits.length + " more.";
      const first = (data.page - 1) * data.size + 1;
      const last = Math.min(first + data.hits.length - 1, Math.min(data.total, MAX_WINDOW));
      return data.total + " quotes; showing " + first + "–" + last + ".";
    }

    function render(data, params) {
      const nodes = [el("p", { id: "summary", class: "summary", role: "status" }, summary(data, params))];

      const active = [];
      for (const [param, label] of [["speaker", "Speaker"], ["outlet", "Outlet"], ["kind", "Kind"], ["from", "From"], ["to", "To"]]) {
        let v = params.get(param);
        if (param === "kind" && v) v = KIND_LABELS[v.toLowerCase()] || "";
        if (v) {
          active.push(el("li", null, label + ": ", el("strong", null, v), " ",
            el("a", { href: link(params, { [param]: "", page: "" }), "data-nav": true },
              "remove", el("span", { class: "visually-hidden" }, " filter " + label + " " + v))));
        }
      }
      if (active.length) nodes.push(el("ul", { class: "active-filters", "aria-label": "Active filters" }, ...active));

      const hits = el("section", { class: "hits", "aria-labelledby": "hits-title" },
        el("h2", { id: "hits-title", class: "visually-hidden" }, "Quotes"),
        el("ol", { class: "hit-list" }, ...data.hits.map(renderHit)));

      // Pages by number up to MAX_WINDOW hits, then by the cursor each
      // page returns (after=…), as the server's page does.
      const pages = Math.ceil(data.total / data.size);
      const byCursor = !!params.get("after");
      const hasPrev = !byCursor && data.page > 1;
      let next = null;
      if (byCursor) {
        if (data.next) next = link(params, { after: data.next, page: "" });
      } else if (data.page < pages && data.page < Math.floor(MAX_WINDOW / data.size)) {
        next = link(params, { page: String(data.page + 1) });
      } else if (data.page < pages && data.next) {
        next = link(params, { after: data.next, page: "" });
      }
      if (hasPrev || next || byCursor) {
        const nav = el("nav", { class: "pager", "aria-label": "Pages" });
        if (byCursor) nav.append(el("a", { href: link(params, { after: "", page: "" }), "data-nav": true }, "« First page"));
        if (hasPrev) nav.append(el("a", { href: link(params, { page: String(data.page - 1) }), rel: "prev", "data-nav": true }, "← Previous"));
        nav.append(el("span", null, !byCursor && pages > 1 ? "Page " + data.page + " of " + pages : ""));
        if (next) nav.append(el("a", { href: next, rel: "next", "data-nav": true }, "Next →"));
        hits.append(nav);
      }
      if (data.total > 0) {
        const exp = (format) => {
          const q = new URLSearchParams(params);
          for (const k of ["page", "size", "after"]) q.delete(k);
          q.set("format", format);
          return "/api/quotes?" + q.toString();
        };
        const feed = new URLSearchParams(params);
        for (const k of ["page", "size", "after", "sort"]) feed.delete(k);
        const fq = feed.toString();
        hits.append(el("p", { class: "export" }, "Download every match: ",
          el("a", { href: exp("csv"), download: "", id: "export-csv" }, "CSV"), " · ",
          el("a", { href: exp("jsonl"), download: "", id: "export-jsonl" }, "JSON Lines"), " · ",
          el("a", { href: "/feeds/quotes.atom" + (fq ? "?" + fq : ""), id: "feed" }, "Follow as a feed")));
      }

      const facets = el("aside", { class: "facets", "aria-label": "Refine" },
        renderTimeline(data.timeline, params),
        renderFacet("Speakers", "speakers-title", "speaker", params.get("speaker") || "", data.facets && data.facets.speaker, params),
        renderFacet("Kinds", "kinds-title", "kind", params.get("kind") || "", data.facets && data.facets.kind, params, KIND_LABELS),
        renderFacet("Outlets", "outlets-title", "outlet", params.get("outlet") || "", data.facets && data.facets.outlet, params));

      nodes.push(el("div", { class: "layout" }, hits, facets));
      results.replaceChildren(...nodes);
    }

    function renderError(message) {
      results.replaceChildren(el("p", { class: "error", role: "alert" }, message));
    }

    // fillForm puts params back into the form (after back/forward).
    function fillForm(params) {
      for (const name of FIELDS) {
        const field = form.elements.namedItem(name);
        if (field) field.value = params.get(name) || "";
      }
    }

    // load fetches and shows the results for params and records them in
    // the address bar as mode says: "push" adds a history entry, "none"
    // leaves history alone (Back and Forward), "typing" is a search as you
    // type. focus moves focus to the results (the link clicked is gone).
    //
    // A search as you type pushes one entry for a burst of typing and
    // replaces it with each later search of the burst, so that Back
    // returns to the search before the typing rather than to every prefix
    // typed. Whether to push or replace is decided when the results
    // arrive: an earlier search of the burst may have been cut short, and
    // the reader may have gone Back meanwhile. While typing, a query that
    // is not (yet) valid, such as a phrase whose closing quote is still to
    // come, keeps the results shown and changes nothing.
    async function load(params, mode, focus) {
      if (inflight) inflight.abort();
      const ctrl = new AbortController();
      inflight = ctrl;
      results.setAttribute("aria-busy", "true");
      try {
        const resp = await fetch("/api/quotes?" + params.toString(), {
          headers: { Accept: "application/json" },
          signal: ctrl.signal,
        });
        let body = null;
        try {
          body = await resp.json();
        } catch (e) {
          body = null;
        }
        const failed = !resp.ok || !body;
        if (failed && mode === "typing" && resp.status === 400) return;
        // A server whose API needs a key (serve --require-read-key) still
        // renders the page itself: search by loading it.
        if (resp.status === 401) {
          if (mode !== "typing") location.assign(link(params, {}));
          return;
        }
        if (failed) {
          renderError((body && body.error) || "The search failed (HTTP " + resp.status + ").");
        } else {
          render(body, params);
        }
        const q = params.get("q");
        document.title = (q ? q + " – " : "") + "Quotes";
        const url = link(params, {});
        const here = location.pathname + location.search;
        if (mode === "typing" && burst !== null && here === burst) {
          history.replaceState(null, "", url);
        } else if (mode === "typing" || (mode === "push" && url !== here)) {
          history.pushState(null, "", url);
        }
        burst = mode === "typing" ? url : null;
        shown = location.search;
        if (focus) results.focus();
      } catch (e) {
        if (e.name !== "AbortError") renderError("The search failed: " + e.message);
      } finally {
        if (inflight === ctrl) {
          inflight = null;
          results.removeAttribute("aria-busy");
        }
      }
    }

    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      clearTimeout(typing);
      load(clean(new FormData(form)), "push", false);
    });

    // formSearch is the search the form describes, from its first page.
    function formSearch() {
      const params = clean(new FormData(form));
      params.delete("page");
      return params;
    }

    // Search as you type: a pause of DEBOUNCE_MS in typing in a text field
    // runs the search. Selects and dates search when they change (a date
    // typed digit by digit changes once, when it is whole).
    form.addEventListener("input", (ev) => {
      const t = ev.target;
      if (!t || !t.name || FIELDS.indexOf(t.name) < 0 || (t.type !== "search" && t.type !== "text")) return;
      clearTimeout(typing);
      typing = setTimeout(() => {
        const params = formSearch();
        if (link(params, {}) === location.pathname + location.search) return;
        load(params, "typing", false);
      }, DEBOUNCE_MS);
    });
    form.addEventListener("change", (ev) => {
      const t = ev.target;
      if (!t || !t.name || FIELDS.indexOf(t.name) < 0 || t.type === "search" || t.type === "text") return;
      clearTimeout(typing);
      load(formSearch(), "push", false);
    });

    results.addEventListener("click", (ev) => {
      const a = ev.target.closest("a[data-nav]");
      if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      const href = a.getAttribute("href") || (a.href && a.href.baseVal) || "";
      const params = clean(new URL(href, location.href).searchParams);
      fillForm(params);
      load(params, "push", true);
    });

    // Back and Forward redraw the search of the entry, unless only the
    // hash changed (the skip link, the Claims tab).
    window.addEventListener("popstate", () => {
      burst = null;
      if (location.search === shown) return;
      const params = clean(new URLSearchParams(location.search));
      fillForm(params);
      load(params, "none", false);
    });
  }

  // claimsPage sets up the Claims tab: the claim list with its filters and
  // pages, the "Check a claim" form, and the claim card. It all comes from
  // /api/claims, /api/claims/{id} and /api/check; without the script the
  // two forms fall back to those JSON answers.
  function claimsPage() {
    const panel = document.getElementById("claims");
    const quotesPanel = document.getElementById("quotes-panel");
    const tablist = document.querySelector(".tabs[role=tablist]");
    const filters = document.getElementById("claim-filters");
    const checkForm = document.getElementById("check");
    const list = document.getElementById("claims-results");
    const view = document.getElementById("claim-view");
    if (!panel || !quotesPanel || !tablist || !filters || !checkForm || !list || !view) {
      return;
    }

    const SIZE = 10;
    const STANCES = {
      confirms: "Confirms",
      asserts: "Asserts",
      denies: "Denies",
      reports: "Reports",
    };
    const tabs = Array.from(tablist.querySelectorAll("[role=tab]"));
    const panels = { "tab-quotes": quotesPanel, "tab-claims": panel };
    let listed = false; // the list has been loaded once
    let listCtrl = null;
    let cardCtrl = null;
    let opener = null; // what opened the card, to return focus on close
    let offset = 0;

    // verdictClass sorts a verdict into the four looks of the badge.
    function verdictClass(v) {
      const label = ((v && v.label) || "").toLowerCase();
      if (v && v.both_sides) return "both";
      if (label === "disputed" || label === "denied") return "against";
      if (label.indexOf("one side") >= 0) return "one";
      return "none";
    }
    const VERDICT_ICONS = { both: "✔✔", against: "✖", one: "✔", none: "○" };

    function verdictBadge(v) {
      const c = verdictClass(v);
      const label = (v && v.label) || "no verdict";
      return el("span", { class: "badge verdict-badge verdict-" + c },
        el("span", { "aria-hidden": "true" }, VERDICT_ICONS[c] + " "),
        label.charAt(0).toUpperCase() + label.slice(1));
    }

    function stanceBadge(stance) {
      const known = Object.prototype.hasOwnProperty.call(STANCES, stance);
      return el("span", { class: "badge stance stance-" + (known ? stance : "silent") },
        known ? STANCES[stance] : "Silent");
    }

    function plural(n, one, many) {
      return n + " " + (n === 1 ? one : many);
    }

    function arr(x) {
      return Array.isArray(x) ? x : [];
    }

    // seen returns "4 May 2026" or "4 May 2026 – 8 May 2026" for a claim.
    function seen(c) {
      const a = day(c.first_seen);
      const b = day(c.last_seen);
      if (!a && !b) return null;
      const span = el("span", { class: "seen" }, timeEl(c.first_seen || c.last_seen));
      if (a && b && a[0] !== b[0]) span.append(" – ", timeEl(c.last_seen));
      return span;
    }

    // counts describes a claim in numbers.
    function counts(c) {
      const statements = arr(c.statements);
      const speakers = new Set(statements.map((s) => s.speaker).filter(Boolean));
      const parts = [plural(statements.length, "statement", "statements"),
        plural(speakers.size, "speaker", "speakers"),
        plural(c.articles || 0, "article", "articles")];
      const p = el("p", { class: "claim-counts" }, parts.join(" · "));
      const parties = arr(c.parties);
      if (parties.length) p.append(" · Sides: " + parties.join(", "));
      const s = seen(c);
      if (s) p.append(" · ", s);
      return p;
    }

    // ---- tabs ----

    function select(tab, focus) {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", on ? "true" : "false");
        t.tabIndex = on ? 0 : -1;
        panels[t.id].hidden = !on;
      }
      if (focus) tab.focus();
      if (tab.id === "tab-claims" && !listed) {
        listed = true;
        loadList(false);
      }
    }

    // A hash of #claims opens the Claims tab; #claim=ID opens that claim's
    // card in it (the speaker pages link claims so).
    function tabFromHash() {
      return location.hash === "#claims" || claimFromHash() ? tabs[1] : tabs[0];
    }

    function claimFromHash() {
      if (location.hash.indexOf("#claim=") !== 0) return "";
      try {
        return decodeURIComponent(location.hash.slice("#claim=".length));
      } catch (e) {
        return "";
      }
    }

    // followHash shows the tab the hash names. Other hashes (the skip
    // link's #main) leave the tab as it is.
    function followHash() {
      if (location.hash && location.hash !== "#claims" && !claimFromHash()) return;
      select(tabFromHash(), false);
      const id = claimFromHash();
      if (id) openCard("/api/claims/" + encodeURIComponent(id), "Loading the claim", true);
    }

    for (const t of tabs) {
      const p = panels[t.id];
      p.setAttribute("role", "tabpanel");
      p.setAttribute("aria-labelledby", t.id);
      t.addEventListener("click", () => {
        select(t, false);
        const hash = t.id === "tab-claims" ? "#claims" : "";
        history.replaceState(history.state, "", location.pathname + location.search + hash);
      });
      t.addEventListener("keydown", (ev) => {
        const i = tabs.indexOf(t);
        let j = -1;
        if (ev.key === "ArrowRight") j = (i + 1) % tabs.length;
        else if (ev.key === "ArrowLeft") j = (i - 1 + tabs.length) % tabs.length;
        else if (ev.key === "Home") j = 0;
        else if (ev.key === "End") j = tabs.length - 1;
        if (j < 0) return;
        ev.preventDefault();
        tabs[j].click();
        tabs[j].focus();
      });
    }
    tablist.hidden = false;
    select(tabFromHash(), false);
    followHash();
    window.addEventListener("hashchange", followHash);
    window.addEventListener("popstate", () => {
      if (!location.hash || location.hash === "#claims" || claimFromHash()) select(tabFromHash(), false);
    });

    // ---- the claim list ----

    function filterParams() {
      const p = new URLSearchParams();
      for (const [k, v] of new FormData(filters)) {
        if (typeof v === "string" && v.trim() !== "") p.set(k, v.trim());
      }
      if (p.has("both_sides")) p.delete("verdict");
      // The API takes offset only as a positive number: leave it out at 0.
      if (offset > 0) p.set("offset", String(offset));
      p.set("size", String(SIZE));
      return p;
    }

    function renderItem(c) {
      const open = el("a", { href: "/claims/" + encodeURIComponent(c.id), class: "claim-open", "data-claim": c.id },
        c.text || "(no text)");
      return el("li", { class: "claim-item" },
        el("div", { class: "claim-head" }, el("h3", { class: "claim-text" }, open), verdictBadge(c.verdict)),
        counts(c));
    }

    function renderList(data) {
      const total = Number(data.total) || 0;
      const claims = arr(data.claims);
      let text = "No claims found.";
      if (total === 1) text = "1 claim.";
      else if (total > 1) {
        text = total + " claims" + (claims.length ? "; showing " + (offset + 1) + "–" + (offset + claims.length) + "." : ".");
      }
      const nodes = [el("p", { class: "summary", role: "status" }, text)];
      if (claims.length) nodes.push(el("ol", { class: "claim-list" }, ...claims.map(renderItem)));
      const pages = Math.ceil(total / SIZE);
      const page = Math.floor(offset / SIZE) + 1;
      if (pages > 1) {
        const prev = el("button", { type: "button", class: "link", "data-offset": String(Math.max(0, offset - SIZE)) }, "← Previous");
        const next = el("button", { type: "button", class: "link", "data-offset": String(offset + SIZE) }, "Next →");
        prev.disabled = offset <= 0;
        next.disabled = offset + SIZE >= total;
        nodes.push(el("nav", { class: "pager", "aria-label": "Claim pages" },
          prev, el("span", null, "Page " + page + " of " + pages), next));
      }
      list.replaceChildren(...nodes);
    }

    async function loadList(focus) {
      if (listCtrl) listCtrl.abort();
      const ctrl = new AbortController();
      listCtrl = ctrl;
      list.setAttribute("aria-busy", "true");
      try {
        const [ok, status, body] = await getJSON("/api/claims?" + filterParams().toString(), ctrl.signal);
        if (ok) renderList(body);
        else list.replaceChildren(el("p", { class: "error", role: "alert" }, errorText("Loading the claims", status, body)));
        if (focus) list.focus();
      } catch (e) {
        if (e.name !== "AbortError") {
          list.replaceChildren(el("p", { class: "error", role: "alert" }, "Loading the claims failed: " + e.message));
        }
      } finally {
        if (listCtrl === ctrl) {
          listCtrl = null;
          list.removeAttribute("aria-busy");
        }
      }
    }

    const both = filters.elements.namedItem("both_sides");
    const verdict = filters.elements.namedItem("verdict");
    function syncVerdict() {
      if (both && verdict) verdict.disabled = both.checked;
    }
    if (both) both.addEventListener("change", syncVerdict);
    syncVerdict();

    filters.addEventListener("submit", (ev) => {
      ev.preventDefault();
      offset = 0;
      listed = true;
      loadList(false);
    });

    list.addEventListener("click", (ev) => {
      const b = ev.target.closest("button[data-offset]");
      if (b) {
        offset = Math.max(0, parseInt(b.getAttribute("data-offset"), 10) || 0);
        loadList(true);
        return;
      }
      const a = ev.target.closest("a[data-claim]");
      if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
      ev.preventDefault();
      opener = a;
      const id = a.getAttribute("data-claim");
      // The address names the open claim, so it can be shared.
      history.replaceState(history.state, "", location.pathname + location.search + "#claim=" + encodeURIComponent(id));
      openCard("/api/claims/" + encodeURIComponent(id), "Loading the claim", true);
    });

    // ---- the claim card ----

    // source says where a statement comes from: a link to the article when
    // it has an http(s) URL, else the outlet, article id and date as text.
    function source(s) {
      const p = el("p", { class: "meta source" });
      if (KIND_LABELS[s.kind]) p.append(el("span", { class: "kind" }, KIND_LABELS[s.kind]));
      const url = safeURL(s.url || "");
      if (url) {
        p.append(el("a", { class: "article", href: url, rel: "noopener noreferrer nofollow" },
          s.title || s.outlet || new URL(url).host));
        if (s.outlet && s.title) p.append(el("span", { class: "outlet" }, s.outlet));
      } else {
        if (s.outlet) p.append(el("span", { class: "outlet" }, s.outlet));
        if (s.title) p.append(el("span", { class: "article" }, s.title));
        if (s.article_id) p.append(el("span", { class: "article-id" }, "article " + s.article_id));
      }
      const t = timeEl(s.published);
      if (t) p.append(t);
      return p;
    }

    function renderStatement(s) {
      const who = el("span", { class: "who" },
        s.speaker ? el("span", { class: "speaker" }, s.speaker) : el("span", { class: "speaker unknown" }, "Unattributed"));
      if (s.role) who.append(", ", el("span", { class: "role" }, s.role));
      if (s.cue) who.append(" ", el("span", { class: "cue" }, "(" + s.cue + ")"));
      const li = el("li", { class: "statement" },
        el("div", { class: "statement-head" }, who, stanceBadge(s.stance)),
        el("blockquote", null, s.quote || ""));
      if (s.because) {
        li.append(el("p", { class: "because" }, "Read as " + (STANCES[s.stance] || s.stance || "").toLowerCase() + " because of: ",
          el("q", null, s.because)));
      }
      if (s.sentence && s.sentence.trim() !== (s.quote || "").trim()) {
        li.append(el("details", { class: "context" }, el("summary", null, "Context"), el("p", null, s.sentence)));
      }
      li.append(source(s));
      return li;
    }

    // columns lists the sides of a claim in the order of its parties, then
    // other sides, then "" (speakers of no side), each with its statements.
    function columns(c) {
      const groups = arr(c.groups);
      const order = [];
      const add = (side) => {
        if (!order.includes(side)) order.push(side);
      };
      for (const p of arr(c.parties)) if (p) add(p);
      for (const s of arr(c.sides)) if (s && s.side) add(s.side);
      for (const g of groups) if (g.side) add(g.side);
      for (const s of arr(c.statements)) if (s.side) add(s.side);
      const byStatements = groups.length === 0;
      const of = (side) => byStatements
        ? arr(c.statements).filter((s) => (s.side || "") === side)
        : groups.filter((g) => (g.side || "") === side).flatMap((g) => arr(g.statements));
      const out = order.map((side) => ({ side: side, statements: of(side) }));
      const none = of("");
      if (none.length) out.push({ side: "", statements: none });
      return out;
    }

    function renderColumn(c, col, n, idBase) {
      const id = idBase + "-side-" + n;
      const info = arr(c.sides).find((s) => s && s.side === col.side);
      const head = el("header", { class: "side-head" },
        el("h4", { id: id }, col.side || "No side"));
      if (!col.side) {
        head.append(el("p", { class: "help" }, "Speakers tied to no side: newspapers, sources, others."));
      } else if (info && info.stance) {
        head.append(stanceBadge(info.stance));
      } else if (!col.statements.length) {
        head.append(stanceBadge(""));
      }
      const section = el("section", { class: "side-col" + (col.side ? "" : " no-side"), "aria-labelledby": id }, head);
      if (col.statements.length) {
        section.append(el("ol", { class: "statements" }, ...col.statements.map(renderStatement)));
      } else {
        section.append(el("p", { class: "silent" }, "Said nothing about it."));
        const named = info ? arr(info.speakers).filter(Boolean) : [];
        if (named.length) section.append(el("p", { class: "help" }, "Named: " + named.join(", ")));
      }
      return section;
    }

    let cards = 0;

    // renderCard builds the card of a claim detail; review is the URL of
    // its ClaimReview, or "" to look for one.
    function renderCard(c, review) {
      const idBase = "claim-card-" + ++cards;
      const found = c.found !== false;
      const v = c.verdict || { label: c.verdict_label, both_sides: c.both_sides };
      const card = el("article", { class: "claim-card card-" + verdictClass(v), "aria-labelledby": idBase + "-title" });
      const close = el("button", { type: "button", class: "close" }, "Close",
        el("span", { class: "visually-hidden" }, " claim card"));
      close.addEventListener("click", () => {
        view.replaceChildren();
        if (opener && document.contains(opener)) opener.focus();
        opener = null;
      });
      card.append(el("div", { class: "card-top" },
        el("h3", { id: idBase + "-title", class: "claim-title" }, c.text || ""), close));

      const verdictBox = el("div", { class: "verdict verdict-" + verdictClass(v) },
        el("p", { class: "verdict-label" }, el("span", { class: "visually-hidden" }, "Verdict: "), verdictBadge(v)));
      if (!found) {
        verdictBox.append(el("p", { class: "verdict-summary" }, "Nothing in the index bears on this claim."));
        card.append(verdictBox);
        return card;
      }
      // A summary with nothing after its label ("No evidence: ") ends at it.
      const summary = String(v.summary || "").trim().replace(/:$/, ".");
      if (summary) verdictBox.append(el("p", { class: "verdict-summary" }, summary));
      card.append(verdictBox, counts(c));

      const links = el("p", { class: "claim-links" });
      card.append(links);
      if (review) {
        links.append(el("a", { href: "/claims/" + encodeURIComponent(c.id), class: "claim-permalink" }, "Page of this claim"), " · ");
        links.append(el("a", { href: review, type: "application/ld+json" }, "ClaimReview (JSON-LD)"));
      } else if (c.id) {
        // A checked claim is not always a tracked one: link its ClaimReview
        // only when the server has it.
        const url = "/api/claims/" + encodeURIComponent(c.id) + "?format=claimreview";
        fetch(url, { method: "HEAD" }).then((r) => {
          if (r.ok) links.append(el("a", { href: url, type: "application/ld+json" }, "ClaimReview (JSON-LD)"));
        }).catch(() => {});
      }

      const cols = columns(c);
      card.append(el("div", { class: "sides" },
        ...cols.map((col, i) => renderColumn(c, col, i, idBase))));
      return card;
    }

    // openCard fetches a claim detail from url and shows it as the card.
    async function openCard(url, what, tracked) {
      if (cardCtrl) cardCtrl.abort();
      const ctrl = new AbortController();
      cardCtrl = ctrl;
      view.setAttribute("aria-busy", "true");
      try {
        const [ok, status, body] = await getJSON(url, ctrl.signal);
        if (ok) {
          const review = tracked && body.id ? "/api/claims/" + encodeURIComponent(body.id) + "?format=claimreview" : "";
          view.replaceChildren(renderCard(body, review));
        } else {
          view.replaceChildren(el("p", { class: "error", role: "alert" }, errorText(what, status, body)));
        }
        view.focus();
      } catch (e) {
        if (e.name !== "AbortError") {
          view.replaceChildren(el("p", { class: "error", role: "alert" }, what + " failed: " + e.message));
        }
      } finally {
        if (cardCtrl === ctrl) {
          cardCtrl = null;
          view.removeAttribute("aria-busy");
        }
      }
    }

    checkForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const input = checkForm.elements.namedItem("claim");
      const text = input ? input.value.trim() : "";
      if (!text) {
        if (input) input.focus();
        return;
      }
      opener = input;
      openCard("/api/check?" + new URLSearchParams({ claim: text }).toString(), "Checking the claim", false);
    });
  }
})();
