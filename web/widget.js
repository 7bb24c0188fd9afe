/* Balise loader: a launcher button and the chat frame. No dependency, no cookie, no storage on
   the host page; styles are set through the CSSOM so a strict host CSP (style-src) still works.
   <script src="https://GATEWAY/widget.js" data-partner="demo" defer></script>  (docs/widget.md) */
(function () {
  "use strict";
  var d = document, w = window;
  var script = d.currentScript || d.querySelector('script[src*="widget.js"]');
  if (!script || d.getElementById("balise-launcher")) return;
  var origin = new URL(script.src, location.href).origin;
  var ds = script.dataset;
  var en = ds.language === "en";
  var discreet = ds.discreet === "true";
  var side = ds.position === "left" ? "left" : "right";
  var partner = /^[a-z0-9-]{1,64}$/.test(ds.partner || "") ? ds.partner : "";
  var wanted = ds.color || ds.colour || "";
  var color = (/^#?([0-9a-f]{3}){1,2}$/i.test(wanted) ? wanted : "#005f73").replace("#", "");
  if (color.length === 3) color = color.replace(/./g, "$&$&");
  var exitUrl = safeUrl(ds.exitUrl) || "https://www.google.com/search?q=meteo";
  var T = "__BALISE_LABELS__"[en ? "en" : "fr"]; // from web/i18n/*.json, filled in by the gateway
  var frame = null, loaded = false, isOpen = false, lastEsc = 0, leaving = false, inerted = [];

  function safeUrl(s) {
    try { var u = new URL(s); return /^https?:$/.test(u.protocol) ? u.href : ""; } catch (e) { return ""; }
  }
  function css(el, o) { for (var k in o) el.style[k] = o[k]; }
  // Black or white, whichever contrasts more with the partner colour (always >= 4.5:1).
  function onColor(hex) {
    var L = [0, 2, 4].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    L = 0.2126 * L[0] + 0.7152 * L[1] + 0.0722 * L[2];
    return 1.05 / (L + 0.05) >= (L + 0.05) / 0.05 ? "#fff" : "#000";
  }
  function svg(paths) {
    var ns = "http://www.w3.org/2000/svg", s = d.createElementNS(ns, "svg");
    s.setAttribute("viewBox", "0 0 24 24"); s.setAttribute("width", "28"); s.setAttribute("height", "28");
    s.setAttribute("aria-hidden", "true"); s.setAttribute("focusable", "false");
    paths.forEach(function (p) {
      var e = d.createElementNS(ns, "path");
      e.setAttribute("d", p); e.setAttribute("fill", "none"); e.setAttribute("stroke", "currentColor");
      e.setAttribute("stroke-width", "2"); e.setAttribute("stroke-linecap", "round"); e.setAttribute("stroke-linejoin", "round");
      s.appendChild(e);
    });
    return s;
  }
  var iconOpen = svg(discreet
    ? ["M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18", "M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6", "M12 17.2v.1"]
    : ["M4 5h16v11H10l-5 4v-4H4z", "M8 9.5h8M8 12.5h5"]);
  var iconClose = svg(["M6 6l12 12M18 6L6 18"]);

  var btn = d.createElement("button");
  btn.type = "button";
  btn.id = "balise-launcher";
  btn.setAttribute("aria-label", discreet ? T.launcherD : T.launcher);
  btn.setAttribute("aria-expanded", "false");
  btn.setAttribute("aria-controls", "balise-frame");
  btn.appendChild(iconOpen);
  css(btn, {
    position: "fixed", bottom: "16px", width: "60px", height: "60px", margin: "0", padding: "0",
    borderRadius: "50%", border: "2px solid " + (onColor(color) === "#fff" ? "#fff" : "#000"),
    background: "#" + color, color: onColor(color), cursor: "pointer", zIndex: "2147483001",
    display: "flex", alignItems: "center", justifyContent: "center",
    boxShadow: "0 2px 8px rgba(0,0,0,.35)"
  });
  btn.style[side] = "16px";
  // Two-tone focus ring, visible on any host background.
  btn.addEventListener("focus", function () {
    var visible = true;
    try { visible = btn.matches(":focus-visible"); } catch (e) { /* old browser: always show */ }
    if (visible) css(btn, { outline: "3px solid #000", outlineOffset: "2px", boxShadow: "0 0 0 7px #fff" });
  });
  btn.addEventListener("blur", function () { css(btn, { outline: "", outlineOffset: "", boxShadow: "0 2px 8px rgba(0,0,0,.35)" }); });
  btn.addEventListener("click", function () { isOpen ? close(false) : open(); });

  function params() {
    var p = new URLSearchParams({ lang: en ? "en" : "fr", color: color, exit: exitUrl, loader: "1" });
    if (partner) p.set("partner", partner);
    if (discreet) p.set("discreet", "true");
    return p.toString();
  }
  function post(msg) { if (frame && frame.contentWindow) frame.contentWindow.postMessage(msg, origin); }
  function layout() {
    if (!frame) return;
    var full = w.innerWidth < 480 || w.innerHeight < 500;
    css(frame, full
      ? { top: "0", bottom: "0", left: "0", right: "0", width: "100%", height: "100%", borderRadius: "0", boxShadow: "none" }
      : { top: "auto", bottom: "88px", left: "auto", right: "auto", width: Math.min(380, w.innerWidth - 32) + "px",
          height: Math.min(600, w.innerHeight - 104) + "px", borderRadius: "12px", boxShadow: "0 4px 24px rgba(0,0,0,.35)" });
    if (!full) frame.style[side] = "16px";
    btn.style.display = full && isOpen ? "none" : "flex";
    setInert(full && isOpen);
  }
  // Full screen, the frame is modal: the page behind it must not take keyboard focus unseen.
  function setInert(on) {
    if (!on) { inerted.forEach(function (el) { el.inert = false; }); inerted = []; return; }
    if (inerted.length) return;
    Array.prototype.forEach.call(d.body.children, function (el) {
      if (el !== btn && el !== frame && !el.inert && el.tagName !== "SCRIPT") { el.inert = true; inerted.push(el); }
    });
  }
  function open() {
    if (!frame) {
      frame = d.createElement("iframe");
      frame.id = "balise-frame";
      frame.title = discreet ? T.frameTitleD : T.frameTitle;
      frame.setAttribute("referrerpolicy", "no-referrer");
      frame.setAttribute("allow", "clipboard-write"); // "Copier mon résumé" only
      css(frame, { position: "fixed", border: "0", margin: "0", padding: "0", background: "#fff", zIndex: "2147483000", colorScheme: "light" });
      frame.addEventListener("load", function () { loaded = true; if (isOpen) post({ type: "balise:focus" }); });
      frame.src = origin + "/chat?" + params();
      d.body.appendChild(frame);
    }
    isOpen = true;
    frame.style.display = "block";
    btn.setAttribute("aria-expanded", "true");
    setIcon(iconClose);
    layout();
    frame.focus();
    if (loaded) post({ type: "balise:focus" });
  }
  function setIcon(icon) { if (btn.firstChild !== icon) btn.replaceChild(icon, btn.firstChild); }
  function close(returnFocus) {
    isOpen = false;
    if (frame) frame.style.display = "none";
    btn.setAttribute("aria-expanded", "false");
    setIcon(iconOpen);
    layout();
    btn.style.display = "flex";
    if (returnFocus) btn.focus();
  }
  function leave(url) {
    leaving = true;
    try { w.location.replace(url); } catch (e) { w.location.href = url; }
  }
  // Quick exit from the host page: ask the frame to forget (storage + DELETE), leave within 150 ms.
  function quickExit() {
    if (leaving) return;
    leaving = true;
    if (frame) frame.style.display = "none";
    post({ type: "balise:quick-exit" });
    setTimeout(function () { leave(exitUrl); }, 150);
  }

  w.addEventListener("message", function (e) {
    if (!frame || e.origin !== origin || e.source !== frame.contentWindow) return;
    var m = e.data || {};
    if (m.type === "balise:exit") leave(safeUrl(m.url) || exitUrl);
    else if (m.type === "balise:close") close(true);
  });
  d.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !isOpen) return;
    var now = Date.now();
    if (now - lastEsc < 1000) quickExit(); else lastEsc = now;
  }, true);
  w.addEventListener("resize", layout);

  function mount() { d.body.appendChild(btn); }
  d.body ? mount() : d.addEventListener("DOMContentLoaded", mount);
})();
