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
  const form = document.getElementById("search");
  const results = document.getElementById("results");
  if (!form || !results || !window.fetch || !window.URLSearchParams) {
    return;
  }

  const MAX_WINDOW = 10000; // keep in step with maxResultWindow in api.go
  const KIND_LABELS = {
    direct: "Direct quote",
    partial: "Partial quote",
    indirect: "Reported speech",
  };
  const FIELDS = ["q", "speaker", "outlet", "kind", "from", "to"];
  let inflight = null;

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

  // safeURL returns u when it is an absolute http(s) URL, else "".
  function safeURL(u) {
    try {
      const p = new URL(u);
      return p.protocol === "http:" || p.protocol === "https:" ? p.href : "";
    } catch (e) {
      return "";
    }
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
        ? el("span", { class: "speaker" }, q.speaker)
        : el("span", { class: "speaker unknown" }, "Unattributed"));
    if (q.role) who.append(", ", el("span", { class: "role" }, q.role));

    const meta = el("span", { class: "meta" });
    if (KIND_LABELS[q.kind]) meta.append(el("span", { class: "kind" }, KIND_LABELS[q.kind]));
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

    const caption = el("figcaption", null, who);
    if (q.cue) caption.append(" ", el("span", { class: "cue" }, "(" + q.cue + ")"));
    caption.append(" ", meta);
    return el("li", { class: "hit" }, el("figure", null, quote, caption));
  }

  function renderFacet(title, id, param, active, counts, params) {
    if (!counts || !counts.length) return null;
    const list = el("ul", { "aria-labelledby": id });
    for (const f of counts) {
      const isActive = f.term === active;
      list.append(el("li", null,
        el("a", {
          href: link(params, { [param]: isActive ? "" : f.term, page: "" }),
          "data-nav": true,
          "aria-current": isActive ? "true" : null,
        }, f.term),
        " ",
        el("span", { class: "count" }, String(f.count))));
    }
    const frag = document.createDocumentFragment();
    frag.append(el("h2", { id: id }, title), list);
    return frag;
  }

  function summary(data) {
    if (data.total === 0) return "No quotes found.";
    if (data.total === 1) return "1 quote.";
    const first = (data.page - 1) * data.size + 1;
    const last = Math.min(first + data.hits.length - 1, Math.min(data.total, MAX_WINDOW));
    return data.total + " quotes; showing " + first + "–" + last + ".";
  }

  function render(data, params) {
    const nodes = [el("p", { id: "summary", class: "summary", role: "status" }, summary(data))];

    const active = [];
    for (const [param, label] of [["speaker", "Speaker"], ["outlet", "Outlet"]]) {
      const v = params.get(param);
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

    const pages = Math.ceil(data.total / data.size);
    const hasPrev = data.page > 1;
    const hasNext = data.page < pages && data.page < Math.floor(MAX_WINDOW / data.size);
    if (hasPrev || hasNext) {
      const nav = el("nav", { class: "pager", "aria-label": "Pages" });
      if (hasPrev) nav.append(el("a", { href: link(params, { page: String(data.page - 1) }), rel: "prev", "data-nav": true }, "← Previous"));
      nav.append(el("span", null, pages > 1 ? "Page " + data.page + " of " + pages : ""));
      if (hasNext) nav.append(el("a", { href: link(params, { page: String(data.page + 1) }), rel: "next", "data-nav": true }, "Next →"));
      hits.append(nav);
    }

    const facets = el("aside", { class: "facets", "aria-label": "Refine" },
      renderFacet("Speakers", "speakers-title", "speaker", params.get("speaker") || "", data.facets && data.facets.speaker, params),
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

  // load fetches and shows the results for params; push adds a history
  // entry, focus moves focus to the results (the link clicked is gone).
  async function load(params, push, focus) {
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
      if (!resp.ok || !body) {
        renderError((body && body.error) || "The search failed (HTTP " + resp.status + ").");
      } else {
        render(body, params);
      }
      const q = params.get("q");
      document.title = (q ? q + " – " : "") + "Quotes";
      const url = link(params, {});
      if (push) history.pushState(null, "", url);
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
    load(clean(new FormData(form)), true, false);
  });

  results.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-nav]");
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    const params = clean(new URL(a.href).searchParams);
    fillForm(params);
    load(params, true, true);
  });

  window.addEventListener("popstate", () => {
    const params = clean(new URLSearchParams(location.search));
    fillForm(params);
    load(params, false, false);
  });
})();
