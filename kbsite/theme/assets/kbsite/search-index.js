/* kbsite browser search, 2 of 4: loading and decoding the index files (needs search-query.js first).
 *
 * The index is written by kbsite/index/browser.py (its docstring describes the files). Data files are
 * scripts calling kbsearchData(name, data), loaded with <script> tags so the search works from file://
 * and under any sub-path; their URLs are relative to this script's own URL. Query words get their terms
 * from the index's form -> term maps (computed by Python's kbsite.textproc), so no stemmer runs here.
 * Numbers are base-32 varints with the last digit of each number in its own alphabet; lists of ids and of
 * positions are deltas. An Engine holds what is loaded; search-rank.js gives it its queries.
 */
(function (root) {
  "use strict";

  var kb = root.kbsite = root.kbsite || {};
  var hasOwn = kb.hasOwn, fold = kb.fold;
  var FINAL = "0123456789abcdefghijklmnopqrstuv";
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz+/";
  var DIGIT = {};
  for (var i = 0; i < 32; i++) {
    DIGIT[FINAL[i]] = [i, true];
    DIGIT[MORE[i]] = [i, false];
  }

  function decode(str) {
    var out = [], n = 0;
    for (var i = 0; i < str.length; i++) {
      var d = DIGIT[str[i]];
      n = n * 32 + d[0];
      if (d[1]) { out.push(n); n = 0; }
    }
    return out;
  }

  /* Cumulative sums of `count` deltas from nums[at]: positions or ids. */
  function runs(nums, at, count) {
    var out = [], v = 0;
    for (var i = 0; i < count; i++) { v += nums[at + i]; out.push(v); }
    return out;
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

  /* Per article holding `term`: {titleScore, title: positions, text: positions}. The positions file lists the
     articles of the term's postings in their order, without their ids. */
  Engine.prototype.positions = async function (m, lang, term) {
    var id = lang + "\u0000" + term;
    if (hasOwn(this.decodedPos, id)) return this.decodedPos[id];
    var best = longestPrefix(m.langs[lang].pos || [], term);
    var loaded = await Promise.all([best < 0 ? null : this.file("p/" + lang + "/" + best),
                                    this.postings(m, lang, term)]);
    var data = loaded[0], docs = loaded[1].keys();
    var out = new Map();
    if (data && hasOwn(data, term)) {
      var nums = decode(data[term]), i = 0;
      while (i < nums.length) {
        var entry = { titleScore: 0, title: [], text: [] }, n = nums[i++];
        if (n) {
          entry.titleScore = nums[i++];
          entry.title = runs(nums, i, n);
          i += n;
        }
        n = nums[i++];
        entry.text = runs(nums, i, n);
        i += n;
        out.set(docs.next().value, entry);
      }
    }
    this.decodedPos[id] = out;
    return out;
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

  /* query.word_forms: a word's own term, and its accent-folded spelling unreduced. */
  Engine.prototype.wordForms = async function (m, lang, word) {
    var own = await this.termFor(m, lang, word), folded = fold(word.toLowerCase()).replace(/\s+/g, "");
    return folded === own || !folded ? [own] : [own, folded];
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


  kb.decode = decode;
  kb.Engine = Engine;

  if (typeof document !== "undefined") {
    var script = document.currentScript;
    var dataBase = (script ? script.src.replace(/[^/]*$/, "") : "") + "search/";
    var pending = {};

    root.kbsearchData = function (name, data) {
      if (hasOwn(pending, name)) {
        pending[name](data);
        delete pending[name];
      }
    };

    /* An index file by name ("manifest", "s/en/3"), as the Engine's `load`. */
    kb.loadScript = function (name) {
      return new Promise(function (resolve, reject) {
        pending[name] = resolve;
        var tag = document.createElement("script");
        tag.src = dataBase + name + ".js";
        tag.async = true;
        tag.onerror = function () { delete pending[name]; reject(new Error("missing " + name)); };
        tag.onload = function () { if (hasOwn(pending, name)) { delete pending[name]; reject(new Error("bad " + name)); } };
        document.head.appendChild(tag);
      });
    };
  }
  if (typeof module !== "undefined" && module.exports) module.exports = kb;
})(typeof window !== "undefined" ? window : globalThis);
