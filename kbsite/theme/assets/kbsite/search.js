/* kbsite browser search, 4 of 4: the page. As-you-type results in the header and the search page
 * (search/index.html?q=...), over the engine of search-query.js, search-index.js and search-rank.js, which it
 * looks up in window.kbsite once the page has loaded, so this script may come before or after those three.
 * The address bar keeps the query and filters shown, so a link to it gives the same results.
 * The header box is reached with "/" or Ctrl-K (Cmd-K) and walked with the arrow keys by giving the result
 * links real focus, so screen readers announce them as links and Enter opens them natively.
 * The words shown come from the page's JSON block (kbsite.emit.i18n.search_words); English without it.
 * Every text shown comes from articles and is untrusted: the DOM is built with textContent only.
 */
(function (root) {
  "use strict";

  if (typeof document === "undefined") return;
  var kb = root.kbsite = root.kbsite || {};
  var script = document.currentScript;
  var assets = script ? script.src.replace(/[^/]*$/, "") : "";
  var siteBase = assets ? new URL("../../", assets).href : "";
  var engine = null, quickEngine = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(url) {
    var u = String(url || "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith("//") || u.startsWith("/")) return null;
    return siteBase + u;
  }

  async function renderHit(hit, wanted) {
    var meta = await engine.meta(hit.id);
    var li = el("li", "kb-hit");
    if (!meta) return li;
    li.lang = meta.lang;
    var a = el("a", "kb-hit__title", meta.title || meta.url);
    var href = safeHref(meta.url);
    if (href) a.href = href;
    li.appendChild(a);
    var details = [meta.lang, meta.date, meta.publisher].filter(Boolean).join(" · ");
    li.appendChild(el("div", "kb-hit__meta", details));
    var snip = await engine.snippet(meta.text || "", meta.lang, wanted[meta.lang] || new Set());
    var p = el("p", "kb-hit__snippet"), pos = 0;
    snip.spans.forEach(function (s) {
      p.appendChild(document.createTextNode(snip.text.slice(pos, s.start)));
      p.appendChild(el("mark", null, snip.text.slice(s.start, s.end)));
      pos = s.end;
    });
    p.appendChild(document.createTextNode(snip.text.slice(pos)));
    li.appendChild(p);
    return li;
  }

  var RESULTS_PAGE = 20;

  /* The words shown to the reader, in English until start() reads the site's own from the page's JSON block
     (kbsite.emit.i18n.search_words, written by the header partial): the script translates nothing itself. */
  var WORDS = {
    partial: "Partial matches: not every word of the search", didYouMean: "Did you mean:", more: "Show more results",
    newestFirst: "newest first", noFullMatch: "No result has every word; {count}",
    resultsAndPartial: "{results} and {partial}",
    nouns: { article: ["article", "articles"], result: ["result", "results"],
      "partial match": ["partial match", "partial matches"] }
  };

  function readWords() {
    var node = document.getElementById("kb-search-words");
    if (!node) return;
    try { Object.assign(WORDS, JSON.parse(node.textContent)); } catch (err) { /* keep the English words */ }
  }

  var rendered = new WeakMap();  /* list -> what it shows (see render) */

  /* The first `limit` hits; the ones matching only some words come after a divider, never mixed with the rest.
     Nothing is shown if `current()` says a newer search has started meanwhile (the reader typed on), and a list
     already showing the same hits with the same words marked is left as it is: the full search after a quick one
     (asYouType) must not take away the focus of a reader already walking the results. */
  async function render(list, result, limit, current) {
    var shown = result.hits.slice(0, limit);
    var same = JSON.stringify([shown.map(function (h) { return [h.id, !!h.partial]; }),
      Object.keys(result.wanted).sort().map(function (l) { return [l, Array.from(result.wanted[l]).sort()]; })]);
    if (rendered.get(list) === same) return;
    var items = await Promise.all(shown.map(function (h) { return renderHit(h, result.wanted); }));
    if (!current()) return;
    var first = shown.findIndex(function (h) { return h.partial; });
    if (first >= 0) items.splice(first, 0, el("li", "kb-search__partial", WORDS.partial));
    list.replaceChildren.apply(list, items);
    rendered.set(list, same);
  }

  /* "3 results", "1 статья", "5 статей": one form and the plural, or Russian's one, few and many (as kbsite.emit.i18n.count). */
  function plural(n, noun) {
    var forms = WORDS.nouns[noun];
    if (forms.length < 3) return n + " " + (n === 1 ? forms[0] : forms[1]);
    var one = n % 10 === 1 && n % 100 !== 11, few = n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14);
    return n + " " + (one ? forms[0] : few ? forms[1] : forms[2]);
  }

  function fill(phrase, values) {
    return phrase.replace(/\{(\w+)\}/g, function (all, key) { return kb.hasOwn(values, key) ? values[key] : all; });
  }

  function countText(result, query) {
    if (result.listing) return plural(result.total, "article") + ", " + WORDS.newestFirst;
    if (!query.trim()) return "";
    var partial = result.partialTotal || 0;
    if (!result.total && partial) return fill(WORDS.noFullMatch, { count: plural(partial, "partial match") });
    var results = plural(result.total, "result");
    return partial ? fill(WORDS.resultsAndPartial, { results: results, partial: plural(partial, "partial match") }) : results;
  }

  /* "Did you mean: <a>suggestion</a>" in `node`, or `node` hidden when there is no suggestion. */
  function showSuggestion(node, suggestion, href) {
    if (!node) return;
    node.replaceChildren();
    node.hidden = !suggestion;
    if (!suggestion) return;
    var a = el("a", null, suggestion);
    a.href = href;
    node.append(WORDS.didYouMean + " ", a);
  }

  /* Calls `fn` as the reader types in `input`, so results follow the typing:
     - fn(false) at once when the box changed by more than one character (a paste, an autocompletion, a link's
       query, a script): no keystroke is coming after that one;
     - fn(true), a quick search, at once on a keystroke after which the word being typed is a word of the KB and
       needs no shard that the whole word will not need (quickNow); it shows its results only if some match
       every word (else the reader is most likely still typing one), and a search that a newer one overtakes is
       dropped before it loads any article (render);
     - fn(false) once the reader pauses for `ms`: the full search, with its "did you mean".
     Each keystroke also loads the shards that the letters typed so far already decide (prefetch). */
  function asYouType(input, fn, ms) {
    var timer = null, before = input.value;
    return function () {
      var now = input.value, keystroke = oneEdit(before, now);
      before = now;
      clearTimeout(timer);
      if (!keystroke) { fn(false); return; }
      timer = setTimeout(function () { fn(false); }, ms);
      engine.manifest().then(async function (m) {
        if (!m || input.value !== now) return;
        prefetch(m, now);
        if (await quickNow(m, now) && input.value === now) fn(true);
      });
    };
  }

  var READY = 3;  /* letters: a word of one or two is most likely the start of a longer one */

  /* Whether the shard of `low` (a lowercase word or its start) is the same whatever letters follow, in every
     language: no longer shard name starts with it (browser.shard_of takes the longest prefix). */
  function decided(m, low) {
    return Object.keys(m.langs).every(function (lang) { return decidedIn(m, lang, low); });
  }

  function decidedIn(m, lang, low) {
    return !m.langs[lang].shards.some(function (p) { return p.length > low.length && p.startsWith(low); });
  }

  /* Whether `text` ends in a word of the KB (a form, term or name of some language), READY letters or more,
     whose search loads no shard but the whole word's: its own is decided, and so is that of its shortest start
     that search-index.js tries for an unknown word. A word's beginning that is no word would show the articles
     of a partial match, or of a shorter word, and load their metadata for nothing. */
  async function quickNow(m, text) {
    var words = kb.tokenize(text), last = words.length ? words[words.length - 1] : null;
    if (!last || last.end !== text.length) return false;
    var low = last.text.toLowerCase(), folded = kb.fold(low), size = Array.from(low).length;
    if (size < READY || !decided(m, low) || !decided(m, folded.slice(0, Math.max(READY, folded.length - 3)))) {
      return false;
    }
    var shards = await Promise.all(Object.keys(m.langs).map(function (lang) { return engine.shard(m, lang, low); }));
    return shards.some(function (sh) { return sh && (kb.hasOwn(sh.f, low) || kb.hasOwn(sh.t, low) || kb.hasOwn(sh.a, low)); });
  }

  /* The shard of each word of `text` in each language where the letters typed so far decide it: the search of
     the whole word, however it ends, needs it. */
  function prefetch(m, text) {
    kb.parse(text).forEach(function (unit) {
      if (unit.kind === "prefix") return;
      unit.words.forEach(function (word) {
        var low = word.toLowerCase();
        Object.keys(m.langs).forEach(function (lang) {
          if (decidedIn(m, lang, low)) engine.shard(m, lang, low);
        });
      });
    });
  }

  /* Whether `a` and `b` differ by one character typed or deleted. */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) !== 1) return false;
    var long = a.length > b.length ? a : b, short = long === a ? b : a, i = 0;
    while (i < short.length && short[i] === long[i]) i++;
    return long.slice(i + 1) === short.slice(i);
  }

  function setupHeader() {
    var input = document.getElementById("kb-header-q");
    var panel = document.getElementById("kb-header-results");
    if (!input || !panel) return;
    var list = panel.querySelector("ol"), count = panel.querySelector(".kb-hsearch__count");
    var more = panel.querySelector("a.kb-hsearch__all"), suggest = panel.querySelector(".kb-hsearch__suggest");
    var run = 0;
    var update = asYouType(input, async function (quick) {
      var query = input.value, mine = ++run;
      if (!query.trim()) { panel.hidden = true; return; }
      var result = await (quick ? quickEngine : engine).search(query, {});
      if (mine !== run || (quick && !result.total)) return;
      await render(list, result, 8, function () { return mine === run; });
      if (mine !== run) return;
      count.textContent = countText(result, query);
      more.href = siteBase + "search/index.html?q=" + encodeURIComponent(query);
      var fix = result.total ? null : result.suggestion;
      showSuggestion(suggest, fix, fix && siteBase + "search/index.html?q=" + encodeURIComponent(fix));
      panel.hidden = false;
    }, 120);
    input.addEventListener("input", update);
    /* The index's manifest while the reader starts typing: every search needs it first. */
    input.addEventListener("focus", function () { engine.manifest(); }, { once: true });
    /* The links of the open panel, in reading order: ArrowDown/ArrowUp give them real focus (announced by
       screen readers as links) and ArrowUp from the first returns to the box; Enter then opens the link. */
    function links() {
      return panel.hidden ? [] : Array.from(panel.querySelectorAll("a[href]")).filter(function (a) {
        return a.getClientRects().length > 0;
      });
    }
    panel.closest("form").addEventListener("keydown", function (e) {
      if (e.key === "Escape") {
        panel.hidden = true;
        input.focus();
        e.preventDefault();
        return;
      }
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var all = links();
      if (!all.length) return;
      var at = all.indexOf(document.activeElement);
      var next = e.key === "ArrowDown" ? Math.min(at + 1, all.length - 1) : at - 1;
      e.preventDefault();
      if (next < 0) input.focus();
      else all[next].focus();
    });
    /* "/" and Ctrl-K (Cmd-K) reach the box from anywhere, except while the reader types in another field. */
    document.addEventListener("keydown", function (e) {
      var slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey;
      var k = (e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey) && !e.altKey;
      if ((!slash && !k) || e.defaultPrevented || typing(e.target)) return;
      e.preventDefault();
      input.focus();
      input.select();
    });
  }

  function typing(node) {
    if (!node || !node.tagName) return false;
    if (node.isContentEditable) return true;
    var tag = node.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select") return true;
    return tag === "input" && !/^(button|checkbox|radio|submit|reset|image|file|range|color)$/i.test(node.type);
  }

  async function setupPage() {
    var list = document.getElementById("kb-search-results");
    var form = document.getElementById("kb-search-form");
    if (!list || !form) return;
    var count = document.getElementById("kb-search-count"), suggest = document.getElementById("kb-search-suggest");
    var fields = { q: "kb-search-q", lang: "kb-search-lang", topic: "kb-search-topic", entity: "kb-search-entity",
      since: "kb-search-since", until: "kb-search-until" };
    var params = new URLSearchParams(root.location.search);
    var m = await engine.manifest(), facets = await engine.file("facets");
    var pageLang = (document.documentElement.lang || "en").slice(0, 2);
    if (m) fillSelect(fields.lang, languageOptions(Object.keys(m.langs), document.documentElement.lang || "en"));
    if (facets) {
      fillSelect(fields.topic, facets.topics.map(function (t) { return [t[0], t[1][pageLang] || t[1].en || t[0]]; }));
      fillSelect(fields.entity, facets.entities.map(function (e) { return [e[0], e[1]]; }));
    }
    Object.keys(fields).forEach(function (k) {
      var node = document.getElementById(fields[k]);
      if (node && params.get(k)) node.value = params.get(k);
    });
    var run = 0, last = null, shown = RESULTS_PAGE;
    /* Results come RESULTS_PAGE at a time: each shown result loads its article's metadata. */
    var moreButton = el("button", "md-button kb-search__more", WORDS.more);
    moreButton.type = "button";
    moreButton.hidden = true;
    list.after(moreButton);
    async function show(mine) {
      await render(list, last, shown, function () { return mine === run; });
      if (mine === run) moreButton.hidden = last.hits.length <= shown;
    }
    moreButton.addEventListener("click", function () { shown += RESULTS_PAGE; show(run); });
    /* The address bar always holds the search shown: a link to it gives the same query and filters. */
    function share(values) {
      var query = new URLSearchParams();
      Object.keys(fields).forEach(function (k) { if (values[k]) query.set(k, values[k]); });
      var search = query.toString() ? "?" + query.toString() : "";
      if (search === root.location.search) return;
      try { root.history.replaceState(null, "", search || root.location.pathname); } catch (err) { /* file:// may refuse */ }
    }
    async function update(quick) {
      var values = {}, mine = ++run;
      Object.keys(fields).forEach(function (k) {
        var node = document.getElementById(fields[k]);
        values[k] = node && (!node.validity || node.validity.valid) ? node.value.trim() : "";
      });
      share(values);
      var filtered = ["lang", "topic", "entity", "since", "until"].some(function (k) { return values[k]; });
      var units = kb.parse(values.q);
      var result = filtered && units.every(function (u) { return u.exclude; })
        ? await engine.listing(values, units) : await (quick ? quickEngine : engine).search(values.q, values);
      if (mine !== run || (quick && !result.total)) return;
      last = result;
      shown = RESULTS_PAGE;
      await show(mine);
      if (mine !== run) return;
      count.textContent = countText(result, values.q);
      showSuggestion(suggest, result.suggestion, result.suggestion && "?q=" + encodeURIComponent(result.suggestion));
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      update(false);
    });
    var box = document.getElementById(fields.q);
    box.addEventListener("input", asYouType(box, update, 150));
    ["lang", "topic", "entity", "since", "until"].forEach(function (k) {
      var node = document.getElementById(fields[k]);
      if (node) node.addEventListener("change", function () { update(false); });
    });
    await update(false);
  }

  /* [code, name] of each language, by name: the browser's own names in the page's language, else the code. */
  function languageOptions(codes, pageLang) {
    var names = null;
    try { names = new Intl.DisplayNames([pageLang, "en"], { type: "language", fallback: "code" }); } catch (err) { names = null; }
    var options = codes.map(function (code) {
      var name = null;
      try { name = names ? names.of(code) : null; } catch (err) { name = null; }
      return [code, name && name !== code ? name : code];
    });
    return options.sort(function (a, b) { return a[1].localeCompare(b[1], pageLang) || (a[0] < b[0] ? -1 : 1); });
  }

  function fillSelect(id, options) {
    var select = document.getElementById(id);
    if (!select) return;
    options.forEach(function (o) {
      var option = el("option", null, o[1]);
      option.value = o[0];
      select.appendChild(option);
    });
  }

  function start() {
    engine = new kb.Engine(kb.loadScript);
    /* The same engine and files, without "did you mean": a word still being typed is no misspelling, and its
       closest words would load the spelling lists of every length it passes through. */
    quickEngine = Object.create(engine);
    quickEngine.suggest = function () { return Promise.resolve(null); };
    readWords();
    setupHeader();
    setupPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
