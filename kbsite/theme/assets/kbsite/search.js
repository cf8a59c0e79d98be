/* kbsite browser search: as-you-type results in the header and the search page (search/index.html?q=...).
 *
 * The index is written by kbsite/index/browser.py (its docstring describes the files). Data files are
 * scripts calling kbsearchData(name, data), loaded with <script> tags so the search works from file://
 * and under any sub-path; their URLs are relative to this script's own URL. Query words get their terms
 * from the index's form -> term maps (computed by Python's kbsite.textproc), so no stemmer runs here.
 * A "phrase" must have its words adjacent in the title or in the text, checked on the positions files, which
 * only phrase queries load. A word that finds nothing gets a "did you mean" from the KB's words
 * (kbsite/index/spelling.py ranks the same way). Filters: language, topic, entity, since/until (ISO dates);
 * the address bar keeps the query and filters shown, so a link to it gives the same results. Filters with no
 * words list every article they keep, newest first, so a reader can browse one language, topic or period.
 * The header box is reached with "/" or Ctrl-K (Cmd-K) and walked with the arrow keys by giving the result
 * links real focus, so screen readers announce them as links and Enter opens them natively.
 * Query language (as kbsite.index.query): words, "a phrase", prefix*, -excluded. Results with every word come
 * first, then, below a divider, the partial matches. Scores are integers (hundredths) with a bonus for
 * consecutive words standing close, computed exactly as the terminal computes them.
 * Every text shown comes from articles and is untrusted: the DOM is built with textContent only.
 * Plain ES2017, no build step, no outside requests.
 */
(function (root) {
  "use strict";

  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz+/";
  var DIGIT = {};
  for (var i = 0; i < 32; i++) {
    DIGIT[FINAL[i]] = [i, true];
    DIGIT[MORE[i]] = [i, false];
  }
  var WORD = /[\p{L}\p{N}_]+/gu;
  var CHUNK = /(-?)"([^"]*)"?|(\S+)/g;
  var COMBINING = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u093c\u094d\u0951-\u0954\u09bc\u09cd\u0a3c\u0a4d\u0abc\u0acd\u0b3c\u0b4d\u0bcd\u0c4d\u0c55\u0c56\u0cbc\u0ccd\u0d3b\u0d3c\u0d4d\u0e38-\u0e3a\u0e48-\u0e4b\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20f0\u302a-\u302f\u3099\u309a\ufe20-\ufe2f]/g;
  var LEAD = 40;
  var WIDTH = 220;
  var hasOwn = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  function decode(str) {
    var out = [], n = 0;
    for (var i = 0; i < str.length; i++) {
      var d = DIGIT[str[i]];
      n = n * 32 + d[0];
      if (d[1]) { out.push(n); n = 0; }
    }
    return out;
  }

  /* Words as textproc.tokenize finds them: runs of letters, digits and "_", not only "_". */
  function tokenize(text) {
    var out = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (m[0].replace(/_/g, "")) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  /* textproc.fold: case folding, compatibility decomposition, combining marks dropped. */
  function fold(word) {
    return word.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ").normalize("NFKD").replace(COMBINING, "");
  }

  /* The same units as kbsite.index.query.parse_query. */
  function parse(query) {
    var units = [], m;
    CHUNK.lastIndex = 0;
    while ((m = CHUNK.exec(query)) !== null) {
      var quoted = m[2] !== undefined;
      var chunk = quoted ? m[2] : m[3];
      var exclude = quoted ? m[1] === "-" : chunk[0] === "-";
      var words = tokenize(chunk).map(function (t) { return t.text; });
      if (!words.length) continue;
      if (!quoted && chunk[chunk.length - 1] === "*") {
        words.slice(0, -1).forEach(function (w) { units.push({ kind: "word", words: [w], exclude: exclude }); });
        units.push({ kind: "prefix", words: [words[words.length - 1]], exclude: exclude });
      } else {
        units.push({ kind: words.length > 1 ? "phrase" : "word", words: words, exclude: exclude });
      }
    }
    return units;
  }

  /* evaluate.gap: the fewest steps from a position of `first` to one of `second` (reversed: one more). */
  function gap(first, second) {
    var best = null;
    first.forEach(function (p) {
      var lo = 0, hi = second.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (second[mid] < p + 1) lo = mid + 1; else hi = mid; }
      if (lo < second.length && (best === null || second[lo] - p < best)) best = second[lo] - p;
      if (lo > 0 && (best === null || p - second[lo - 1] + 1 < best)) best = p - second[lo - 1] + 1;
    });
    return best;
  }

  /* evaluate.pair_bonus, with the manifest's [window, numerator, denominator, pages]. */
  function pairBonus(prox, first, second, scores) {
    var d = gap(first, second);
    if (d === null || d > prox[0]) return 0;
    return Math.floor(scores * (prox[0] + 1 - d) * prox[1] / (prox[0] * prox[2]));
  }

  /* Levenshtein distance, as kbsite.index.spelling.distance. */
  function distance(a, b) {
    a = Array.from(a); b = Array.from(b);
    if (a.length < b.length) { var t = a; a = b; b = t; }
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var cur = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
    }
    return row[b.length];
  }

  /* spelling.same_case: the suggestion with the capitals of the word as written. */
  function sameCase(suggestion, written) {
    if (Array.from(written).length > 1 && written === written.toUpperCase() && written !== written.toLowerCase()) {
      return suggestion.toUpperCase();
    }
    var first = String.fromCodePoint(written.codePointAt(0));
    if (first !== first.toLowerCase() && first === first.toUpperCase()) {
      var head = String.fromCodePoint(suggestion.codePointAt(0));
      return head.toUpperCase() + suggestion.slice(head.length);
    }
    return suggestion;
  }

  /* Cumulative sums of `count` deltas from nums[at]: positions or ids. */
  function runs(nums, at, count) {
    var out = [], v = 0;
    for (var i = 0; i < count; i++) { v += nums[at + i]; out.push(v); }
    return out;
  }

  /* True when some position p of the first list has p + k in the k-th list, for every k. */
  function adjacent(lists) {
    if (lists.some(function (l) { return !l.length; })) return false;
    var sets = lists.map(function (l) { return new Set(l); });
    return lists[0].some(function (p) {
      for (var k = 1; k < sets.length; k++) if (!sets[k].has(p + k)) return false;
      return true;
    });
  }

  function Engine(load) {
    this.load = load;
    this.files = {};
    this.decoded = {};
    this.decodedPos = {};
  }

  Engine.prototype.file = function (name) {
    if (!hasOwn(this.files, name)) {
      this.files[name] = this.load(name).catch(function () { return null; });
    }
    return this.files[name];
  };

  Engine.prototype.loaded = function (name) {
    var p = this.files[name];
    return p && p.value !== undefined ? p.value : null;
  };

  Engine.prototype.manifest = function () { return this.file("manifest"); };

  /* The index of the longest prefix of `key` in `prefixes` (browser.shard_of), or -1. */
  function longestPrefix(prefixes, key) {
    var best = -1;
    for (var i = 0; i < prefixes.length; i++) {
      if (key.startsWith(prefixes[i]) && (best < 0 || prefixes[i].length > prefixes[best].length)) best = i;
    }
    return best;
  }

  Engine.prototype.shardName = function (m, lang, key) {
    var best = longestPrefix(m.langs[lang].shards, key);
    return best < 0 ? null : "s/" + lang + "/" + best;
  };

  Engine.prototype.shard = async function (m, lang, key) {
    var name = this.shardName(m, lang, key);
    if (!name) return null;
    var data = await this.file(name);
    this.files[name].value = data;
    return data;
  };

  /* The term of one query word in one language: exact for any word the KB contains. */
  Engine.prototype.termFor = async function (m, lang, word) {
    var low = word.toLowerCase();
    var sh = await this.shard(m, lang, low);
    if (sh && hasOwn(sh.f, low)) return sh.f[low];
    if (sh && (hasOwn(sh.t, low) || hasOwn(sh.a, low))) return low;
    var folded = fold(low).replace(/\s+/g, "");
    for (var n = folded.length; n >= Math.max(3, folded.length - 3); n--) {
      var candidate = folded.slice(0, n);
      var s = await this.shard(m, lang, candidate);
      if (s && (hasOwn(s.t, candidate) || hasOwn(s.a, candidate))) return candidate;
    }
    return folded;
  };

  Engine.prototype.postings = async function (m, lang, term) {
    var id = lang + "\u0000" + term;
    if (hasOwn(this.decoded, id)) return this.decoded[id];
    var sh = await this.shard(m, lang, term);
    var out = new Map();
    if (sh && hasOwn(sh.t, term)) {
      var nums = decode(sh.t[term]), doc = 0;
      for (var i = 0; i < nums.length; i += 2) {
        doc += nums[i];
        out.set(doc, nums[i + 1]);
      }
    }
    this.decoded[id] = out;
    return out;
  };

  /* Per article holding `term`: {titleScore, title: positions, text: positions}. */
  Engine.prototype.positions = async function (m, lang, term) {
    var id = lang + "\u0000" + term;
    if (hasOwn(this.decodedPos, id)) return this.decodedPos[id];
    var best = longestPrefix(m.langs[lang].pos || [], term);
    var data = best < 0 ? null : await this.file("p/" + lang + "/" + best);
    var out = new Map();
    if (data && hasOwn(data, term)) {
      var nums = decode(data[term]), i = 0, doc = 0;
      while (i < nums.length) {
        doc += nums[i++];
        var entry = { titleScore: 0, title: [], text: [] }, n = nums[i++];
        if (n) {
          entry.titleScore = nums[i++];
          entry.title = runs(nums, i, n);
          i += n;
        }
        n = nums[i++];
        entry.text = runs(nums, i, n);
        i += n;
        out.set(doc, entry);
      }
    }
    this.decodedPos[id] = out;
    return out;
  };

  /* Whoosh's Or(Phrase(title), Phrase(text)): the terms' scores in each field where they stand in a row. */
  Engine.prototype.phraseScores = async function (m, lang, terms, lists) {
    var self = this, scores = new Map();
    var candidates = [];
    lists[0].forEach(function (_, doc) {
      if (lists.every(function (l) { return l.has(doc); })) candidates.push(doc);
    });
    if (!candidates.length) return scores;
    var where = await Promise.all(terms.map(function (t) { return self.positions(m, lang, t); }));
    candidates.forEach(function (doc) {
      var entries = where.map(function (w) { return w.get(doc) || { titleScore: 0, title: [], text: [] }; });
      var score = 0, found = false;
      if (adjacent(entries.map(function (e) { return e.title; }))) {
        found = true;
        entries.forEach(function (e) { score += e.titleScore; });
      }
      if (adjacent(entries.map(function (e) { return e.text; }))) {
        found = true;
        entries.forEach(function (e, k) { score += lists[k].get(doc) - e.titleScore; });
      }
      if (found) scores.set(doc, score);
    });
    return scores;
  };

  Engine.prototype.idList = async function (name) {
    var data = await this.file(name);
    var ids = new Set(), doc = 0;
    if (data) decode(data).forEach(function (d) { doc += d; ids.add(doc); });
    return ids;
  };

  /* Terms of one language starting with `prefix`, the first m.expand in sorted order. */
  Engine.prototype.expand = async function (m, lang, prefix) {
    var self = this, prefixes = m.langs[lang].shards, found = [];
    var names = [];
    prefixes.forEach(function (p, i) {
      if (p.startsWith(prefix) || prefix.startsWith(p)) names.push("s/" + lang + "/" + i);
    });
    var shards = await Promise.all(names.map(function (n) { return self.file(n); }));
    shards.forEach(function (sh, i) {
      self.files[names[i]].value = sh;
      if (sh) Object.keys(sh.t).forEach(function (t) { if (t.startsWith(prefix)) found.push(t); });
    });
    found.sort();
    return found.filter(function (t, i) { return i === 0 || found[i - 1] !== t; }).slice(0, m.expand);
  };

  function addAll(into, postings) {
    postings.forEach(function (score, doc) { into.set(doc, (into.get(doc) || 0) + score); });
  }

  /* query.word_forms: a word's own term, and its accent-folded spelling unreduced. */
  Engine.prototype.wordForms = async function (m, lang, word) {
    var own = await this.termFor(m, lang, word), folded = fold(word.toLowerCase()).replace(/\s+/g, "");
    return folded === own || !folded ? [own] : [own, folded];
  };

  /* One unit's matches: {scores: id -> hundredths, chosen: id -> the form a word matched}; as query._unit_match. */
  Engine.prototype.unit = async function (m, unit, langs, wanted) {
    var self = this, scores = new Map(), chosen = new Map(), targets = new Set();
    for (var li = 0; li < langs.length; li++) {
      var lang = langs[li], terms;
      if (unit.kind === "prefix") terms = await this.expand(m, lang, fold(unit.words[0].toLowerCase()));
      else if (unit.kind === "word") terms = await this.wordForms(m, lang, unit.words[0]);
      else terms = await Promise.all(unit.words.map(function (w) { return self.termFor(m, lang, w); }));
      if (wanted) terms.forEach(function (t) { wanted[lang].add(t); });
      var lists = await Promise.all(terms.map(function (t) { return self.postings(m, lang, t); }));
      if (unit.kind === "phrase") {
        addAll(scores, await this.phraseScores(m, lang, terms, lists));
      } else if (unit.kind === "prefix") {
        lists.forEach(function (l) { addAll(scores, l); });
      } else {
        var best = new Map();
        lists.forEach(function (l, k) {
          l.forEach(function (score, doc) {
            if (score > (best.has(doc) ? best.get(doc) : -1)) { best.set(doc, score); chosen.set(doc, terms[k]); }
          });
        });
        addAll(scores, best);
        terms = terms.slice(0, 1);
      }
      if (unit.kind !== "prefix") {
        var key = terms.join(" ");
        var sh = await this.shard(m, lang, key);
        if (sh && hasOwn(sh.a, key)) sh.a[key].forEach(function (t) { targets.add(t); });
      }
    }
    await this.addAlias(m, scores, targets);
    return { scores: scores, chosen: chosen };
  };

  Engine.prototype.addAlias = async function (m, scores, targets) {
    var docs = new Set(), codes = Array.from(targets).sort();
    for (var i = 0; i < codes.length; i++) {
      var ids = await this.idList(codes[i][0] + "/" + codes[i].slice(1));
      ids.forEach(function (d) { docs.add(d); });
    }
    docs.forEach(function (d) { scores.set(d, (scores.get(d) || 0) + m.alias); });
  };

  /* Ranked ids: {hits: [{id, score, partial}], total, partialTotal, wanted, suggestion}; the hits matching
     every wanted unit first, then those matching only some (partial). Mirrors kbsite.index.query.search. */
  Engine.prototype.search = async function (query, filters) {
    filters = filters || {};
    var m = await this.manifest(), self = this;
    var units = parse(query);
    var plain = units.filter(function (u) { return !u.exclude; });
    var langs = Object.keys(m.langs).sort();
    if (filters.lang) langs = langs.filter(function (l) { return l === filters.lang; });
    var wanted = {};
    Object.keys(m.langs).forEach(function (l) { wanted[l] = new Set(); });
    if (!plain.length || !langs.length) return { hits: [], total: 0, partialTotal: 0, wanted: wanted, suggestion: null };
    var matches = [];
    for (var u = 0; u < units.length; u++) {
      matches.push(await this.unit(m, units[u], langs, units[u].exclude ? null : wanted));
    }
    var sums = new Map(), counts = new Map(), banned = new Set();
    matches.forEach(function (match, k) {
      match.scores.forEach(function (score, doc) {
        if (units[k].exclude) { banned.add(doc); return; }
        sums.set(doc, (sums.get(doc) || 0) + score);
        counts.set(doc, (counts.get(doc) || 0) + 1);
      });
    });
    var full = new Map(), partial = new Map();
    sums.forEach(function (score, doc) {
      if (!banned.has(doc)) (counts.get(doc) === plain.length ? full : partial).set(doc, score);
    });
    if (plain.length > 1 && plain.every(function (x) { return x.kind === "word"; })) {
      var words = [].concat.apply([], plain.map(function (x) { return x.words; }));
      var targets = new Set(), tagged = new Map();
      for (var li = 0; li < langs.length; li++) {
        var lang = langs[li];
        var terms = await Promise.all(words.map(function (w) { return self.termFor(m, lang, w); }));
        var key = terms.join(" "), sh = await this.shard(m, lang, key);
        if (sh && hasOwn(sh.a, key)) sh.a[key].forEach(function (t) { targets.add(t); });
      }
      await this.addAlias(m, tagged, targets);
      tagged.forEach(function (score, doc) {
        if (banned.has(doc)) return;
        full.set(doc, (full.get(doc) || 0) + (partial.get(doc) || 0) + score);
        partial.delete(doc);
      });
    }
    var keep = await this.keep(m, langs, filters);
    var ranked = function (scores) {
      var out = [];
      scores.forEach(function (score, id) { if (keep(id)) out.push({ id: id, score: score }); });
      return out.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    };
    var hits = ranked(full), rest = ranked(partial);
    var wantedMatches = matches.filter(function (_, k) { return !units[k].exclude; });
    var bonus = await this.proximity(m, langs, plain, wantedMatches, hits.slice(0, m.prox[3]));
    hits.forEach(function (h) { h.score += bonus.get(h.id) || 0; });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    rest.forEach(function (h) { h.partial = true; });
    var suggestion = await this.suggest(m, query, plain, Object.keys(m.langs).sort());
    return { hits: hits.concat(rest), total: hits.length, partialTotal: rest.length, wanted: wanted,
      suggestion: suggestion };
  };

  /* Filters without words: every article they keep and no -excluded unit matches, newest first, then the
     undated ones in index order. */
  Engine.prototype.listing = async function (filters, excluded) {
    var m = await this.manifest(), self = this;
    var langs = Object.keys(m.langs).sort(), wanted = {};
    langs.forEach(function (l) { wanted[l] = new Set(); });
    if (filters.lang) langs = langs.filter(function (l) { return l === filters.lang; });
    var keep = await this.keep(m, langs, filters);
    var years = (m.years || []).filter(function (y) {
      return (!filters.since || y >= filters.since.slice(0, 4)) && (!filters.until || y <= filters.until.slice(0, 4));
    });
    var files = await Promise.all(years.map(function (y) { return self.file("d/" + y); }));
    var when = new Map();
    files.forEach(function (byDate) {
      Object.keys(byDate || {}).forEach(function (date) {
        var doc = 0;
        decode(byDate[date]).forEach(function (d) {
          doc += d;
          if (!when.has(doc) || when.get(doc) < date) when.set(doc, date);
        });
      });
    });
    var banned = new Set();
    for (var u = 0; u < (excluded || []).length; u++) {
      (await this.unit(m, excluded[u], langs, null)).scores.forEach(function (_, d) { banned.add(d); });
    }
    var hits = [];
    langs.forEach(function (l) {
      for (var id = m.langs[l].ids[0]; id < m.langs[l].ids[1]; id++) {
        if (keep(id) && !banned.has(id)) hits.push({ id: id, score: 0, date: when.get(id) || "" });
      }
    });
    hits.sort(function (a, b) { return a.date === b.date ? a.id - b.id : (a.date < b.date ? 1 : -1); });
    return { hits: hits, total: hits.length, partialTotal: 0, wanted: wanted, suggestion: null, listing: true };
  };

  /* query._proximity: the bonus of the `top` hits for each pair of consecutive wanted words standing close. */
  Engine.prototype.proximity = async function (m, langs, plain, matches, top) {
    var self = this, bonus = new Map(), pairs = [];
    for (var k = 0; k + 1 < plain.length; k++) {
      if (plain[k].kind === "word" && plain[k + 1].kind === "word") pairs.push([matches[k].chosen, matches[k + 1].chosen]);
    }
    if (!pairs.length || top.length < 2) return bonus;  /* one page alone keeps its place: no positions to load */
    for (var li = 0; li < langs.length; li++) {
      var lang = langs[li], range = m.langs[lang].ids;
      var docs = top.map(function (h) { return h.id; }).filter(function (id) { return id >= range[0] && id < range[1]; });
      var needed = new Set();
      pairs.forEach(function (p) {
        docs.forEach(function (d) {
          var a = p[0].get(d), b = p[1].get(d);
          if (a !== undefined && b !== undefined && a !== b) { needed.add(a); needed.add(b); }
        });
      });
      var terms = Array.from(needed).sort(), where = {}, totals = {};
      var found = await Promise.all(terms.map(function (t) { return self.positions(m, lang, t); }));
      var lists = await Promise.all(terms.map(function (t) { return self.postings(m, lang, t); }));
      terms.forEach(function (t, i) { where[t] = found[i]; totals[t] = lists[i]; });
      pairs.forEach(function (p) {
        docs.forEach(function (d) {
          var a = p[0].get(d), b = p[1].get(d);
          if (a === undefined || b === undefined || a === b) return;
          var ea = where[a].get(d), eb = where[b].get(d);
          if (!ea || !eb) return;
          var add = pairBonus(m.prox, ea.title, eb.title, ea.titleScore + eb.titleScore);
          add += pairBonus(m.prox, ea.text, eb.text,
            totals[a].get(d) - ea.titleScore + totals[b].get(d) - eb.titleScore);
          if (add) bonus.set(d, (bonus.get(d) || 0) + add);
        });
      });
    }
    return bonus;
  };

  /* Whether a word is a term of some language or names an entity or topic exactly (not by the fallback). */
  Engine.prototype.known = async function (m, langs, word) {
    var low = word.toLowerCase();
    for (var i = 0; i < langs.length; i++) {
      var sh = await this.shard(m, langs[i], low);
      var term = sh && hasOwn(sh.f, low) ? sh.f[low] : low;
      var own = term === low ? sh : await this.shard(m, langs[i], term);
      if (own && (hasOwn(own.t, term) || hasOwn(own.a, term))) return true;
    }
    return false;
  };

  /* The query with each word that finds nothing replaced by the KB's closest word, or null. */
  Engine.prototype.suggest = async function (m, query, units, langs) {
    var words = [];
    units.forEach(function (u) { if (u.kind !== "prefix" && !u.exclude) words.push.apply(words, u.words); });
    var suggestion = query;
    for (var i = 0; i < words.length; i++) {
      if (await this.known(m, langs, words[i])) continue;
      var option = await this.closest(words[i].toLowerCase());
      if (!option) continue;
      var token = tokenize(suggestion).find(function (t) { return t.text === words[i]; });
      if (token) {
        suggestion = suggestion.slice(0, token.start) + sameCase(option, words[i]) + suggestion.slice(token.end);
      }
    }
    return suggestion === query ? null : suggestion;
  };

  /* spelling.best over the buckets of the word's first letter and of lengths within the distance. */
  Engine.prototype.closest = async function (word) {
    var m = await this.manifest(), index = await this.file("w/index");
    var first = word.codePointAt(0).toString(16), size = Array.from(word).length;
    var lengths = (index && hasOwn(index, first) ? index[first] : []).filter(function (n) {
      return Math.abs(n - size) <= m.maxdist;
    });
    var self = this;
    var buckets = await Promise.all(lengths.map(function (n) { return self.file("w/" + first + "-" + n); }));
    var best = null;
    buckets.forEach(function (bucket) {
      for (var i = 0; bucket && i < bucket.length; i += 2) {
        var cand = bucket[i], freq = bucket[i + 1];
        if (cand === word) continue;
        var d = distance(word, cand);
        if (d > m.maxdist) continue;
        if (!best || d < best.d || (d === best.d && (freq > best.freq || (freq === best.freq && cand < best.word)))) {
          best = { d: d, freq: freq, word: cand };
        }
      }
    });
    return best ? best.word : null;
  };

  /* Ids of the articles dated within [since, until], compared as ISO prefixes like the terminal's --since/--until. */
  Engine.prototype.dated = async function (m, since, until) {
    var self = this, ids = new Set();
    var years = (m.years || []).filter(function (y) {
      return (!since || y >= since.slice(0, 4)) && (!until || y <= until.slice(0, 4));
    });
    var files = await Promise.all(years.map(function (y) { return self.file("d/" + y); }));
    files.forEach(function (byDate) {
      Object.keys(byDate || {}).forEach(function (date) {
        if ((since && date < since) || (until && date > until + "\uffff")) return;
        var doc = 0;
        decode(byDate[date]).forEach(function (d) { doc += d; ids.add(doc); });
      });
    });
    return ids;
  };

  Engine.prototype.keep = async function (m, langs, filters) {
    var ranges = langs.map(function (l) { return m.langs[l].ids; });
    var sets = [];
    if (filters.since || filters.until) sets.push(this.dated(m, filters.since, filters.until));
    var facets = (filters.topic || filters.entity) ? await this.file("facets") : null;
    [["topic", "topics", "t"], ["entity", "entities", "e"]].forEach(function (f) {
      if (!filters[f[0]]) return;
      var n = (facets ? facets[f[1]] : []).findIndex(function (row) { return row[0] === filters[f[0]]; });
      sets.push(n < 0 ? Promise.resolve(new Set()) : this.idList(f[2] + "/" + n));
    }, this);
    sets = await Promise.all(sets);
    return function (id) {
      var inLang = ranges.some(function (r) { return id >= r[0] && id < r[1]; });
      return inLang && sets.every(function (s) { return s.has(id); });
    };
  };

  Engine.prototype.meta = async function (id) {
    var m = await this.manifest();
    var rows = await this.file("m/" + Math.floor(id / m.meta));
    var row = rows ? rows[id % m.meta] : null;
    if (!row) return null;
    return { url: row[0], title: row[1], lang: row[2], date: row[3], publisher: row[4], text: row[5] };
  };

  /* The term of a word of an article, from shards already loaded (for highlighting only). */
  Engine.prototype.knownTerm = function (m, lang, word) {
    var low = word.toLowerCase(), name = this.shardName(m, lang, low);
    var sh = name ? this.loaded(name) : null;
    if (sh && hasOwn(sh.f, low)) return sh.f[low];
    return fold(low);
  };

  /* The window of `text` with the most wanted terms: {text, spans}, as kbsite.index.snippet does. */
  Engine.prototype.snippet = async function (text, lang, wanted) {
    var m = await this.manifest(), self = this;
    var tokens = tokenize(text);
    var terms = tokens.map(function (t) { return self.knownTerm(m, lang, t.text); });
    var matches = [];
    tokens.forEach(function (t, i) { if (wanted.has(terms[i])) matches.push(i); });
    var start = 0;
    if (matches.length) {
      var best = 0, bestCount = -1;
      matches.forEach(function (first, k) {
        var seen = new Set();
        matches.slice(k).forEach(function (j) {
          if (tokens[j].end <= tokens[first].start + WIDTH - LEAD) seen.add(terms[j]);
        });
        if (seen.size > bestCount) { best = first; bestCount = seen.size; }
      });
      start = Math.max(0, tokens[best].start - LEAD);
      var inside = tokens.find(function (t) { return t.end > start; });
      if (inside && inside.start < start) start = inside.start;
    }
    var end = Math.min(text.length, start + WIDTH);
    var last = tokens.filter(function (t) { return t.end <= end; }).pop();
    if (last && last.end > start) end = last.end;
    var body = (start > 0 ? "…" : "") + text.slice(start, end).split(/\s+/).join(" ").trim() + (end < text.length ? "…" : "");
    var spans = tokenize(body).filter(function (t) { return wanted.has(self.knownTerm(m, lang, t.text)); });
    return { text: body, spans: spans };
  };

  var api = { Engine: Engine, parse: parse, fold: fold, tokenize: tokenize, decode: decode, distance: distance,
    sameCase: sameCase, gap: gap };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.KbSearch = api;

  if (typeof document === "undefined") return;

  /* ---- the page ---- */

  var script = document.currentScript;
  var assets = script ? script.src.replace(/[^/]*$/, "") : "";
  var dataBase = assets + "search/";
  var siteBase = assets ? new URL("../../", assets).href : "";
  var pending = {};

  root.kbsearchData = function (name, data) {
    if (hasOwn(pending, name)) {
      pending[name](data);
      delete pending[name];
    }
  };

  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      pending[name] = resolve;
      var tag = document.createElement("script");
      tag.src = dataBase + name + ".js";
      tag.async = true;
      tag.onerror = function () { delete pending[name]; reject(new Error("missing " + name)); };
      tag.onload = function () { if (hasOwn(pending, name)) { delete pending[name]; reject(new Error("bad " + name)); } };
      document.head.appendChild(tag);
    });
  }

  var engine = new Engine(loadScript);

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

  /* The first `limit` hits; the ones matching only some words come after a divider, never mixed with the rest. */
  async function render(list, result, limit) {
    var shown = result.hits.slice(0, limit);
    var items = await Promise.all(shown.map(function (h) { return renderHit(h, result.wanted); }));
    var first = shown.findIndex(function (h) { return h.partial; });
    if (first >= 0) items.splice(first, 0, el("li", "kb-search__partial", WORDS.partial));
    list.replaceChildren.apply(list, items);
  }

  /* "3 results", "1 статья", "5 статей": one form and the plural, or Russian's one, few and many (as kbsite.emit.i18n.count). */
  function plural(n, noun) {
    var forms = WORDS.nouns[noun];
    if (forms.length < 3) return n + " " + (n === 1 ? forms[0] : forms[1]);
    var one = n % 10 === 1 && n % 100 !== 11, few = n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14);
    return n + " " + (one ? forms[0] : few ? forms[1] : forms[2]);
  }

  function fill(phrase, values) {
    return phrase.replace(/\{(\w+)\}/g, function (all, key) { return hasOwn(values, key) ? values[key] : all; });
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

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function setupHeader() {
    var input = document.getElementById("kb-header-q");
    var panel = document.getElementById("kb-header-results");
    if (!input || !panel) return;
    var list = panel.querySelector("ol"), count = panel.querySelector(".kb-hsearch__count");
    var more = panel.querySelector("a.kb-hsearch__all"), suggest = panel.querySelector(".kb-hsearch__suggest");
    var run = 0;
    var update = debounce(async function () {
      var query = input.value, mine = ++run;
      if (!query.trim()) { panel.hidden = true; return; }
      var result = await engine.search(query, {});
      if (mine !== run) return;
      await render(list, result, 8);
      if (mine !== run) return;
      count.textContent = countText(result, query);
      more.href = siteBase + "search/index.html?q=" + encodeURIComponent(query);
      var fix = result.total ? null : result.suggestion;
      showSuggestion(suggest, fix, fix && siteBase + "search/index.html?q=" + encodeURIComponent(fix));
      panel.hidden = false;
    }, 120);
    input.addEventListener("input", update);
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
      await render(list, last, shown);
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
    async function update() {
      var values = {}, mine = ++run;
      Object.keys(fields).forEach(function (k) {
        var node = document.getElementById(fields[k]);
        values[k] = node && (!node.validity || node.validity.valid) ? node.value.trim() : "";
      });
      share(values);
      var filtered = ["lang", "topic", "entity", "since", "until"].some(function (k) { return values[k]; });
      var units = parse(values.q);
      var result = filtered && units.every(function (u) { return u.exclude; })
        ? await engine.listing(values, units) : await engine.search(values.q, values);
      if (mine !== run) return;
      last = result;
      shown = RESULTS_PAGE;
      await show(mine);
      if (mine !== run) return;
      count.textContent = countText(result, values.q);
      showSuggestion(suggest, result.suggestion, result.suggestion && "?q=" + encodeURIComponent(result.suggestion));
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      update();
    });
    document.getElementById(fields.q).addEventListener("input", debounce(update, 150));
    ["lang", "topic", "entity", "since", "until"].forEach(function (k) {
      var node = document.getElementById(fields[k]);
      if (node) node.addEventListener("change", update);
    });
    await update();
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
    readWords();
    setupHeader();
    setupPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
