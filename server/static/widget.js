// The Quotes widget loader. A page includes
//
//   <script src="https://QUOTES-HOST/widget.js" data-q="tariffs" async></script>
//
// and the script puts an iframe of QUOTES-HOST/embed right after itself,
// built from its data-* attributes (q, speaker, outlet, kind, from, to,
// sort, quote, claim, size, search, theme, direct, min_confidence; data-width sets the iframe's width,
// 100% by default), and keeps the iframe as tall as its content by
// listening to the "quotes:resize" messages the embed posts. Several
// widgets on one page each get their own iframe.
(function () {
  "use strict";

  var PARAMS = ["q", "speaker", "outlet", "kind", "from", "to", "sort", "quote", "claim", "size", "search", "theme", "direct", "min_confidence"];
  var DONE = "data-quotes-widget";
  var MIN_HEIGHT = 20;
  var MAX_HEIGHT = 5000;

  // isLoader reports whether the script element s loads this file.
  function isLoader(s) {
    var src = (s.getAttribute("src") || "").split("#")[0].split("?")[0];
    return /(^|\/)widget\.js$/.test(src);
  }

  // ownScript finds the <script> element that runs this code: the current
  // script, or else the last loader not yet processed.
  function ownScript() {
    var s = document.currentScript;
    if (s && isLoader(s) && !s.hasAttribute(DONE)) return s;
    var all = document.getElementsByTagName("script");
    for (var i = all.length - 1; i >= 0; i--) {
      if (isLoader(all[i]) && !all[i].hasAttribute(DONE)) return all[i];
    }
    return null;
  }

  // originOf returns the scheme, host and port of the absolute URL u.
  function originOf(u) {
    try {
      return new URL(u).origin;
    } catch (e) {
      var a = document.createElement("a");
      a.href = u;
      return a.protocol + "//" + a.host;
    }
  }

  // cssLength accepts "100%", "480", "480px", "30em" and the like.
  function cssLength(v, def) {
    v = String(v || "").trim();
    if (/^\d+(\.\d+)?$/.test(v)) return v + "px";
    if (/^\d+(\.\d+)?(px|%|em|rem|vw)$/.test(v)) return v;
    return def;
  }

  function mount(script) {
    script.setAttribute(DONE, "1");
    var parent = script.parentNode;
    if (!parent || parent === document.head) return;

    var src = script.src.split("#")[0].split("?")[0];
    var origin = originOf(src);
    // The embed sits next to the loader: https://host[/prefix]/embed.
    var embed = src.replace(/widget\.js$/, "embed");
    var query = [];
    for (var i = 0; i < PARAMS.length; i++) {
      var v = script.getAttribute("data-" + PARAMS[i].replace(/_/g, "-"));
      if (v !== null && String(v).trim() !== "") {
        query.push(encodeURIComponent(PARAMS[i]) + "=" + encodeURIComponent(String(v).trim()));
      }
    }
    var what = script.getAttribute("data-q") || script.getAttribute("data-claim") ||
      script.getAttribute("data-speaker") || script.getAttribute("data-outlet") || "";

    var frame = document.createElement("iframe");
    frame.src = embed + (query.length ? "?" + query.join("&") : "");
    frame.title = what ? "Quotes: " + what : "Quotes";
    frame.setAttribute("loading", "lazy");
    frame.setAttribute("scrolling", "no");
    frame.setAttribute("frameborder", "0");
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.width = cssLength(script.getAttribute("data-width"), "100%");
    frame.style.maxWidth = "100%";
    frame.style.height = "300px";
    parent.insertBefore(frame, script.nextSibling);

    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var d = event.data;
      if (!d || typeof d !== "object" || d.type !== "quotes:resize") return;
      var h = d.height;
      if (typeof h !== "number" || !isFinite(h) || h <= 0) return;
      h = Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, Math.ceil(h)));
      frame.style.height = h + "px";
    });
  }

  var script = ownScript();
  if (script) mount(script);
})();
