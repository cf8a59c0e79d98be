// kbsite: link previews. Hovering or focusing a link to an article, topic or entity page shows its title, date
// and opening words. The data are scripts under assets/kbsite/previews/ (see kbsite/emit/previews.py), loaded
// with <script> tags, so previews work from file:// and under any sub-path. Off on touch screens.
(function (root) {
  "use strict";
  var script = document.currentScript;
  var assets = script ? script.src.replace(/[^/]*$/, "") : "";
  var siteRoot = assets.replace(/assets\/kbsite\/$/, "");
  var base = assets + "previews/";
  var shards = null, loaded = {}, pending = {}, callbacks = {};
  var DELAY = 350;

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  // Run fn once the file `name` (a shard number or "index") has handed over its data.
  function need(name, ready, fn) {
    if (ready()) { fn(); return; }
    (callbacks[name] = callbacks[name] || []).push(fn);
    if (pending[name]) return;
    pending[name] = true;
    var tag = document.createElement("script");
    tag.src = base + name + ".js";
    tag.async = true;
    document.head.appendChild(tag);
  }
  root.kbPreviewData = function (data) {
    var name = data.pages ? String(data.shard) : "index";
    if (data.pages) loaded[data.shard] = data.pages; else shards = data.shards;
    (callbacks[name] || []).splice(0).forEach(function (fn) { fn(); });
  };
  function lookup(path, done) {
    need("index", function () { return shards !== null; }, function () {
      var n = fnv1a(path) % shards;
      need(String(n), function () { return !!loaded[n]; }, function () { done(loaded[n][path] || null); });
    });
  }
  // The page a link points to, relative to the site root, or null for any other link.
  function target(a) {
    if (!siteRoot || a.closest(".kb-preview")) return null;
    var href = a.href.split("#")[0].split("?")[0];
    if (href.indexOf(siteRoot) !== 0) return null;
    var path = decodeURIComponent(href.slice(siteRoot.length));
    return /^(articles|topics|entities)\/[^/]+\.html$/.test(path) ? path : null;
  }

  var box = null, timer = null, current = null;
  function hide() {
    clearTimeout(timer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (box) box.hidden = true;
  }
  function line(cls, text) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    return p;
  }
  function show(a, item) {
    if (!box) {
      box = document.createElement("div");
      box.id = "kb-preview";
      box.className = "kb-preview md-typeset";
      box.setAttribute("role", "tooltip");
      document.body.appendChild(box);
    }
    box.textContent = "";
    box.appendChild(line("kb-preview__title", item.title));
    var facts = [item.kind === "article" ? "" : item.kind, item.date, item.source, item.lang,
                 item.count ? item.count + (item.count === "1" ? " article" : " articles") : ""];
    facts = facts.filter(Boolean);
    if (facts.length) box.appendChild(line("kb-preview__facts", facts.join(" · ")));
    if (item.text) box.appendChild(line("kb-preview__text", item.text));
    box.hidden = false;
    var r = a.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    box.style.width = width + "px";
    box.style.left = Math.max(8, Math.min(r.left + root.scrollX, root.scrollX + document.documentElement.clientWidth - width - 8)) + "px";
    var below = r.bottom + root.scrollY + 6;
    box.style.top = below + "px";
    if (r.bottom + box.offsetHeight + 6 > root.innerHeight && r.top > box.offsetHeight + 6) {
      box.style.top = (r.top + root.scrollY - box.offsetHeight - 6) + "px";
    }
    a.setAttribute("aria-describedby", "kb-preview");
    current = a;
  }
  function start(evt) {
    var a = evt.target.closest && evt.target.closest(".md-content a[href]");
    if (!a || a === current) return;
    if (evt.type === "focusin" && !a.matches(":focus-visible")) return;  // a click, not the keyboard: it opens the page
    var path = target(a);
    if (!path) return;
    hide();
    timer = setTimeout(function () {
      lookup(path, function (item) { if (item && (a.matches(":hover") || a === document.activeElement)) show(a, item); });
    }, evt.type === "focusin" ? 0 : DELAY);
  }
  function stop(evt) {
    var a = evt.target.closest && evt.target.closest("a[href]");
    if (a && (a === current || !current)) hide();
  }
  root.KbPreview = { fnv1a: fnv1a };
  if (root.matchMedia && root.matchMedia("(hover: none)").matches) return;  // touch: a tap opens the page
  document.addEventListener("mouseover", start);
  document.addEventListener("focusin", start);
  document.addEventListener("mouseout", stop);
  document.addEventListener("focusout", stop);
  document.addEventListener("keydown", function (evt) { if (evt.key === "Escape") hide(); });
})(window);
