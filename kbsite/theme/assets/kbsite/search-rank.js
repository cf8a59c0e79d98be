/* kbsite browser search, 3 of 4: answering a query (needs search-query.js and search-index.js first).
 *
 * Mirrors kbsite.index.query.search: each unit's matches, the articles with every wanted word first and then,
 * as partial matches, those with only some; a bonus for consecutive words and phrases standing close, and for
 * a title holding every unit (evaluate.py's integer hundredths); "did you mean" for a word that finds nothing (ranked as kbsite/index/spelling.py ranks);
 * filters (language, topic, entity, since/until as ISO dates); and filters with no words, which list every
 * article they keep, newest first. A "phrase" must have its words adjacent in the title or in the text, checked
 * on the positions files, which only phrase queries load. Snippets are chosen as kbsite.index.snippet does.
 */
(function (root) {
  "use strict";

  var kb = root.kbsite = root.kbsite || {};
  var hasOwn = kb.hasOwn, fold = kb.fold, parse = kb.parse, tokenize = kb.tokenize, sameCase = kb.sameCase;
  var distance = kb.distance, pairBonus = kb.pairBonus, adjacent = kb.adjacent, decode = kb.decode;
  var Engine = kb.Engine;
  var LEAD = 40;
  var WIDTH = 220;
  var TITLE_COVER = [1, 1];  /* evaluate.TITLE_COVER: a title holding every unit earns their title scores again */

  function addAll(into, postings) {
    postings.forEach(function (score, doc) { into.set(doc, (into.get(doc) || 0) + score); });
  }

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

  /* One unit's matches: {scores: id -> hundredths, chosen: id -> the form a word matched (a phrase's first word),
     last: id -> a phrase's last word (empty for a word)}; as query._unit_match. */
  Engine.prototype.unit = async function (m, unit, langs, wanted) {
    var self = this, scores = new Map(), chosen = new Map(), last = new Map(), targets = new Set();
    for (var li = 0; li < langs.length; li++) {
      var lang = langs[li], terms;
      if (unit.kind === "prefix") terms = await this.expand(m, lang, fold(unit.words[0].toLowerCase()));
      else if (unit.kind === "word") terms = await this.wordForms(m, lang, unit.words[0]);
      else terms = await Promise.all(unit.words.map(function (w) { return self.termFor(m, lang, w); }));
      if (wanted) terms.forEach(function (t) { wanted[lang].add(t); });
      var lists = await Promise.all(terms.map(function (t) { return self.postings(m, lang, t); }));
      if (unit.kind === "phrase") {
        var found = await this.phraseScores(m, lang, terms, lists);
        addAll(scores, found);
        found.forEach(function (_, doc) { chosen.set(doc, terms[0]); last.set(doc, terms[terms.length - 1]); });
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
    return { scores: scores, chosen: chosen, last: last };
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
    /* The shard of each word in each language, all fetched at once: the units below ask for them one language
       after another, and each would otherwise wait for the one before. */
    units.forEach(function (unit) {
      if (unit.kind === "prefix") return;
      unit.words.forEach(function (w) { langs.forEach(function (l) { self.shard(m, l, w.toLowerCase()); }); });
    });
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

  function lastOf(match) { return match.last.size ? match.last : match.chosen; }

  /* query._proximity: the bonus of the `top` hits for each pair of consecutive wanted units standing close (a
     phrase by its first and last words), and evaluate.title_cover's for a title that holds every unit. */
  Engine.prototype.proximity = async function (m, langs, plain, matches, top) {
    var self = this, bonus = new Map(), pairs = [];
    for (var k = 0; k + 1 < plain.length; k++) {
      if (plain[k].kind !== "prefix" && plain[k + 1].kind !== "prefix") pairs.push([lastOf(matches[k]), matches[k + 1].chosen]);
    }
    if (!pairs.length || top.length < 2) return bonus;  /* one page alone keeps its place: no positions to load */
    var ends = plain.every(function (u) { return u.kind !== "prefix"; }) ?
      matches.map(function (x) { return [x.chosen, lastOf(x)]; }) : [];
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
      ends.forEach(function (e) {
        docs.forEach(function (d) {
          if (e[0].has(d)) needed.add(e[0].get(d));
          if (e[1].has(d)) needed.add(e[1].get(d));
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
      if (ends.length) docs.forEach(function (d) { addCover(bonus, d, ends, where); });
    }
    return bonus;
  };

  /* evaluate.title_cover for one page: every unit's first and last words in its title, their title scores again. */
  function addCover(bonus, d, ends, where) {
    var total = 0;
    for (var e = 0; e < ends.length; e++) {
      var a = ends[e][0].get(d), b = ends[e][1].get(d);
      if (a === undefined || b === undefined) return;
      var sa = where[a].get(d) ? where[a].get(d).titleScore : 0, sb = where[b].get(d) ? where[b].get(d).titleScore : 0;
      if (!sa || !sb) return;
      total += sa + (b !== a ? sb : 0);
    }
    if (total) bonus.set(d, (bonus.get(d) || 0) + Math.floor(total * TITLE_COVER[0] / TITLE_COVER[1]));
  }

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

  if (typeof module !== "undefined" && module.exports) module.exports = kb;
})(typeof window !== "undefined" ? window : globalThis);
