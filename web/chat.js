/* Balise chat frame. No dependency, no cookie; the session id lives in sessionStorage only.
   API text is only ever inserted with textContent. Interface strings: /i18n/<lang>.json
   (web/i18n/); the emergency strip and quick exit work before, and without, them. See docs/widget.md. */
(function () {
  "use strict";
  var API = "/api/v1", KEY = "balise.sid", TIMEOUT = 8000, EXIT = "https://www.google.com/search?q=meteo";
  var q = new URLSearchParams(location.search);
  var lang = q.get("lang") === "en" ? "en" : "fr", T = null;
  var discreet = q.get("discreet") === "true";
  var partner = /^[a-z0-9-]{1,64}$/.test(q.get("partner") || "") ? q.get("partner") : null;
  var exitUrl = safeHttp(q.get("exit")) || EXIT;
  var embedded = window.parent !== window, viaLoader = embedded && q.get("loader") === "1";
  var reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
  var $ = function (id) { return document.getElementById(id); };
  var list = $("list"), main = $("main"), ta = $("msg"), sos = $("sos"), form = $("composer");
  var store = null, sid, busy = false, localCount = 0, gen = 0, inflight = null, lastEsc = 0, gone = false;
  var RESOURCE_ID = /^[A-Za-z0-9_-]{1,64}$/;
  // A département number only (never an address), kept in this page's memory, not in storage.
  var DEPT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$/, departement = null;

  function safeHttp(s) {
    try { var u = new URL(s); return /^https?:$/.test(u.protocol) ? u.href : ""; } catch (e) { return ""; }
  }
  function safeHref(h) {
    h = String(h || "");
    if (/^(tel|sms):\+?[0-9 ]{2,20}$/.test(h)) return h.replace(/ /g, "");
    try { var u = new URL(h); return u.protocol === "https:" ? u.href : ""; } catch (e) { return ""; }
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function t(key) { return (discreet && T[key + "D"]) || T[key]; }

  /* ---------- session id: sessionStorage only ---------- */
  try { store = window.sessionStorage; store.setItem(KEY + ".t", "1"); store.removeItem(KEY + ".t"); } catch (e) { store = null; }
  function newSid() {
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    sid = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    if (store) try { store.setItem(KEY, sid); } catch (e) { /* private mode quota: keep in memory */ }
  }
  sid = store && store.getItem(KEY);
  if (!/^[0-9a-f]{32}$/.test(sid || "")) newSid();

  /* ---------- colour (partner) with guaranteed contrast ---------- */
  function lum(hex) {
    var c = [0, 2, 4].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  var color = (q.get("color") || "").replace("#", "");
  if (/^[0-9a-f]{3}$/i.test(color)) color = color.replace(/./g, "$&$&");
  if (/^[0-9a-f]{6}$/i.test(color)) {
    var L = lum(color), root = document.documentElement.style;
    root.setProperty("--accent", "#" + color);
    root.setProperty("--on-accent", 1.05 / (L + 0.05) >= (L + 0.05) / 0.05 ? "#fff" : "#000");
    root.setProperty("--ink", 1.05 / (L + 0.05) >= 4.5 ? "#" + color : "#1a1a1a");
  }

  /* ---------- static interface: language, discreet mode ---------- */
  function translate() {
    document.documentElement.lang = lang;
    document.title = t("doc");
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (e) {
      var k = e.getAttribute("data-i18n");
      if (T[k]) e.textContent = k === "title" ? t("title") : T[k];
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-label]"), function (e) {
      e.setAttribute("aria-label", T[e.getAttribute("data-i18n-label")]);
    });
    $("close").hidden = !viaLoader; // only the loader listens for balise:close
    $("fallback").remove();
    form.hidden = false;
  }
  $("quit").href = exitUrl;

  /* ---------- rendering (textContent only) ---------- */
  function say(text) { $("status").textContent = text || ""; }
  function alertText(text) { $("alert").textContent = text || ""; }
  // Scroll the conversation only (not the page), unless the page itself scrolls (very short viewport).
  function scrollTo(node, start) {
    var behavior = reduced ? "auto" : "smooth";
    if (getComputedStyle(main).overflowY === "visible") return node.scrollIntoView({ block: start ? "start" : "end", behavior: behavior });
    main.scrollTo({ top: start ? node.offsetTop - 6 : main.scrollHeight, behavior: behavior });
  }
  function addUser(text) {
    var li = el("li", "msg user"), p = el("p", "text");
    p.appendChild(el("span", "vh", T.you));
    p.appendChild(document.createTextNode(text));
    li.appendChild(p);
    list.appendChild(li);
    scrollTo(li, false);
    return li;
  }
  function markFailed(li) {
    if (!li || li.classList.contains("failed")) return;
    li.classList.add("failed");
    li.appendChild(el("span", "tag", T.notSent));
  }
  function choice(title, payload, entry) {
    var b = el("button", "btn choice" + (entry ? " entry" : ""), title);
    b.type = "button";
    b.addEventListener("click", function () {
      if (busy || b.disabled) return;
      submit({ payload: payload }, title, true);
    });
    return b;
  }
  function botItem(crisis) {
    var li = el("li", "msg bot" + (crisis ? " crisis" : ""));
    var h = el("h2", "who", crisis ? T.crisis : t("bot"));
    h.tabIndex = -1;
    li.appendChild(h);
    return li;
  }
  function card(r) {
    var c = el("section", "card");
    c.appendChild(el("h3", "", r.name));
    if (r.short) c.appendChild(el("p", "short", r.short));
    var meta = el("p", "meta");
    // open_now is null when the hours are not verified: then say nothing rather than guess.
    if (typeof r.open_now === "boolean") meta.appendChild(el("span", "badge " + (r.open_now ? "open" : "closed"), r.open_now ? T.openNow : T.closedNow));
    if (r.hours) meta.appendChild(el("span", "", T.hours + r.hours));
    if (r.cost) meta.appendChild(el("span", "", T.cost + r.cost));
    c.appendChild(meta);
    var links = el("div", "links");
    (r.links || []).forEach(function (l) {
      var href = safeHref(l && l.href);
      if (!href) return;
      var a = el("a", "btn " + (/^(call|sms)$/.test(l.type) ? "dial" : "web"), l.label || href);
      a.href = href;
      if (RESOURCE_ID.test(r.id || "")) a.addEventListener("click", function () { handoff(r.id); });
      if (/^https:/.test(href)) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        a.appendChild(el("span", "vh", T.newTab));
      }
      links.appendChild(a);
    });
    if (links.firstChild) c.appendChild(links);
    if (r.what_happens) {
      var det = el("details");
      det.appendChild(el("summary", "", T.what));
      det.appendChild(el("p", "", r.what_happens));
      c.appendChild(det);
    }
    return c;
  }
  // Counts hand-offs per service, nothing else: no session id, no text. Failures are ignored.
  function handoff(id) {
    try {
      fetch(API + "/events", {
        method: "POST", keepalive: true, credentials: "omit", headers: { "content-type": "application/json" },
        body: JSON.stringify({ event: "handoff_click", resource: id })
      }).catch(function () {});
    } catch (e) { /* never in the way of the call or the link */ }
  }
  // Opt-in: the summary stays hidden until asked for, then is copied locally, never sent.
  function summaryBox(lines) {
    var box = el("div", "summary"), b = el("button", "btn choice entry", T.summary), out = el("div", "lines");
    b.type = "button";
    b.setAttribute("aria-expanded", "false");
    out.hidden = true;
    out.appendChild(el("p", "hint", T.summaryIntro));
    var ul = el("ul");
    lines.forEach(function (line) { ul.appendChild(el("li", "", line)); });
    out.appendChild(ul);
    b.addEventListener("click", function () {
      out.hidden = false;
      b.setAttribute("aria-expanded", "true");
      var copied = navigator.clipboard && navigator.clipboard.writeText(lines.join("\n"));
      (copied || Promise.reject()).then(function () { say(T.summaryCopied); }, function () { say(T.summaryNotCopied); });
    });
    box.appendChild(b);
    box.appendChild(out);
    return box;
  }
  function summaryLines(data) {
    var lines = data.summary && Array.isArray(data.summary.lines) ? data.summary.lines : [];
    return lines.filter(function (x) { return typeof x === "string" && x.trim(); }).slice(0, 3);
  }
  // "Près de chez toi": the same cards from GET /resources with a département, shown here only.
  function localBox(topic) {
    var f = el("form", "local"), id = "dep" + (++localCount), input = el("input");
    var label = el("label", "", T.localLabel), err = el("p", "local-error");
    label.htmlFor = id;
    input.id = id; input.name = "departement"; input.maxLength = 3; input.inputMode = "text";
    input.autocomplete = "off"; input.setAttribute("aria-describedby", id + "e");
    err.id = id + "e"; err.setAttribute("aria-live", "polite");
    f.appendChild(label); f.appendChild(input); f.appendChild(el("button", "", T.localButton)); f.appendChild(err);
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var value = input.value.trim().toUpperCase();
      if (!DEPT.test(value)) { err.textContent = T.localInvalid; input.focus(); return; }
      err.textContent = "";
      departement = value;
      var query = { topic: topic, departement: value, language: lang };
      var get = function (q) {
        return fetch(API + "/resources?" + new URLSearchParams(q), { credentials: "omit", cache: "no-store" });
      };
      // A partner the directory does not know is refused by /resources: ask again without it.
      get(partner ? Object.assign({ partner: partner }, query) : query)
        .then(function (res) { return res.status === 422 && partner ? get(query) : res; })
        .then(function (res) { return res.json(); })
        .then(function (d) {
          if (!d || !Array.isArray(d.resources)) throw new Error("shape");
          var li = botItem(false);
          li.appendChild(el("p", "text", T.localFound.replace("{dep}", value)));
          d.resources.forEach(function (r) { li.appendChild(card(r)); });
          list.appendChild(li);
          scrollTo(li, true);
          li.firstChild.focus({ preventScroll: true });
        })
        .catch(function () { err.textContent = T.generic; });
    });
    return f;
  }
  function render(data, degraded) {
    Array.prototype.forEach.call(list.querySelectorAll(".choice:not(.entry)"), function (b) { b.disabled = true; });
    var li = botItem(!!data.crisis);
    if (/^[a-z]{2}$/.test(data.language || "")) li.lang = data.language;
    if (degraded) li.appendChild(el("p", "notice", t("degraded")));
    (data.messages || []).forEach(function (m) {
      if (m.text) li.appendChild(el("p", "text", m.text));
      (m.resources || []).forEach(function (r) { li.appendChild(card(r)); });
      if (m.buttons && m.buttons.length) {
        var g = el("div", "choices");
        m.buttons.forEach(function (b) { g.appendChild(choice(b.title, b.payload)); });
        li.appendChild(g);
      }
    });
    var lines = summaryLines(data);
    if (lines.length) li.appendChild(summaryBox(lines));
    var associations = (data.messages || []).some(function (m) {
      return (m.resources || []).some(function (r) { return r.kind === "association"; });
    });
    if (!data.crisis && !degraded && associations && typeof data.topic === "string") li.appendChild(localBox(data.topic));
    if (data.crisis || degraded) sos.classList.add("hot");
    list.appendChild(li);
    scrollTo(li, true);
    return li;
  }
  function welcome() {
    var li = botItem(false);
    li.classList.add("welcome");
    li.appendChild(el("p", "text", t("welcome")));
    li.appendChild(el("p", "text", T.pick));
    var g = el("div", "choices");
    [["teen", '/inform_audience{"audience":"teen"}'], ["parent", '/inform_audience{"audience":"parent"}'],
     ["friend", '/inform_audience{"audience":"friend"}'], ["sext", "/sextortion"], ["talk", "/talk_to_someone"]]
      .forEach(function (c) { g.appendChild(choice(T[c[0]], c[1], true)); });
    li.appendChild(g);
    list.appendChild(li);
    return li;
  }

  /* ---------- API ---------- */
  function setBusy(on) {
    busy = on;
    main.setAttribute("aria-busy", on ? "true" : "false");
    form.classList.toggle("busy", on);
    say(on ? t("typing") : "");
  }
  // Resolves to {ok, status, data}; never rejects. Aborts after 8 s.
  function call(body) {
    var ctrl = new AbortController(), timer = setTimeout(function () { ctrl.abort(); }, TIMEOUT);
    inflight = ctrl;
    body.session_id = sid;
    if (partner) body.partner = partner;
    if (departement) body.departement = departement;
    body.language = lang;
    return fetch(API + "/chat", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      signal: ctrl.signal, credentials: "omit", cache: "no-store"
    }).then(function (res) {
      return res.json().then(function (data) { return { status: res.status, data: data }; },
        function () { return { status: res.status, data: null }; });
    }, function () { return { status: 0, data: null }; })
      .then(function (r) { clearTimeout(timer); if (inflight === ctrl) inflight = null; return r; });
  }
  function submit(body, shown, fromButton) {
    if (busy || gone) return;
    var mine = gen, typed = body.text, li = addUser(shown);
    alertText("");
    setBusy(true);
    call(body).then(function (r) {
      if (mine !== gen) return; // conversation cleared meanwhile
      setBusy(false);
      var d = r.data;
      if (d && Array.isArray(d.messages)) {
        if (typed != null && ta.value.trim() === typed) { ta.value = ""; grow(); }
        var answer = render(d, r.status === 503 || d.degraded === true);
        if (fromButton || !form.contains(document.activeElement)) answer.firstChild.focus({ preventScroll: true });
        return;
      }
      markFailed(li);
      alertText(d && d.error && d.error.message ? String(d.error.message) : r.status ? T.generic : T.network);
    });
  }

  /* ---------- clear and quick exit ---------- */
  function forget(id, keepalive) {
    return fetch(API + "/sessions/" + id, { method: "DELETE", keepalive: !!keepalive, credentials: "omit" });
  }
  function clearConversation() {
    var old = sid;
    gen++;
    if (inflight) inflight.abort();
    setBusy(false);
    if (store) try { store.clear(); } catch (e) { /* ignore */ }
    newSid();
    list.textContent = "";
    sos.classList.remove("hot");
    alertText("");
    welcome();
    say(T.cleared); // focus stays on the Clear button
    forget(old).then(function (r) { if (!r.ok && r.status !== 404) say(T.clearFailed); },
      function () { say(T.clearFailed); });
  }
  // Under 300 ms, nothing awaited. byHost: the host page asked and navigates itself.
  function quickExit(ev, byHost) {
    if (ev) ev.preventDefault();
    if (gone) return;
    gone = true;
    gen++;
    if (store) try { store.clear(); } catch (e) { /* ignore */ }
    try { forget(sid, true).catch(function () {}); } catch (e) { /* ignore */ }
    list.textContent = "";
    ta.value = "";
    document.body.style.display = "none";
    if (!embedded) { location.replace(exitUrl); return; }
    window.parent.postMessage({ type: "balise:exit", url: exitUrl }, "*");
    // Frame embedded by hand (no loader to receive the message): navigate the top page directly,
    // which browsers allow during the user's click or key press.
    if (!viaLoader && !byHost) try { window.top.location.replace(exitUrl); } catch (e) { /* nothing more to try */ }
  }

  /* ---------- events: quick exit works before the strings arrive ---------- */
  $("quit").addEventListener("click", quickExit);
  $("close").addEventListener("click", function () { window.parent.postMessage({ type: "balise:close" }, "*"); });
  function grow() { ta.style.height = "auto"; ta.style.height = Math.max(ta.scrollHeight + 4, 48) + "px"; }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEsc < 1000) quickExit(e); else lastEsc = now;
  }, true);
  window.addEventListener("message", function (e) {
    if (!embedded || e.source !== window.parent) return;
    var m = e.data || {};
    if (m.type === "balise:quick-exit") quickExit(null, true);
    else if (m.type === "balise:focus") $("title").focus();
  });

  function start(strings) {
    T = strings;
    translate();
    $("clear").addEventListener("click", clearConversation);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = ta.value.trim();
      if (text && !busy) submit({ text: text }, text, false);
    });
    ta.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
        e.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
    ta.addEventListener("input", grow);
    welcome();
  }
  // Without its strings the chat does not start: the static page says so and the strip stays.
  fetch("/i18n/" + lang + ".json", { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(start, function () { $("fallback").classList.remove("late"); });
})();
