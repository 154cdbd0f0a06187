// The widget at /embed. When framed, it tells the framing page how tall it
// is, so that /widget.js can size the iframe to fit: a message
// {type: "quotes:resize", height: N} to the parent, on load and whenever
// the body's size changes. The height is not secret, hence the target "*".
(function () {
  "use strict";
  if (window.parent === window) return;

  var last = 0;

  // height is the body's height in CSS pixels; the stylesheet gives html
  // and body no margin and no height rule, so that it shrinks as well as
  // grows (the document's scrollHeight never drops below the viewport).
  function height() {
    var b = document.body;
    if (!b) return 0;
    return Math.ceil(Math.max(b.scrollHeight, b.getBoundingClientRect().height));
  }

  function post() {
    var h = height();
    if (h <= 0 || h === last) return;
    last = h;
    window.parent.postMessage({ type: "quotes:resize", height: h }, "*");
  }

  function start() {
    post();
    if (typeof window.ResizeObserver === "function") {
      new window.ResizeObserver(post).observe(document.body);
    } else {
      window.addEventListener("resize", post);
    }
    window.addEventListener("load", post);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
