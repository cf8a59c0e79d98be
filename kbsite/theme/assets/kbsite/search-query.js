/* kbsite browser search, 1 of 4: the query language and the ranking arithmetic, with nothing loaded.
 *
 * Query language (as kbsite.index.query): words, "a phrase", prefix*, -excluded. Words are found and folded as
 * kbsite.textproc finds and folds them, a misspelt word's closest KB word is ranked as kbsite/index/spelling.py
 * ranks it, and the proximity bonus is the integer arithmetic of kbsite/index/evaluate.py, so the browser and the
 * terminal rank a query alike. Plain scripts sharing the namespace window.kbsite (loaded in order:
 * search-query.js, search-index.js, search-rank.js, then search.js for the page), not ES modules: module imports
 * are blocked under file://, where the site must work too. Plain ES2017, no build step, no outside requests.
 */
(function (root) {
  "use strict";

  var kb = root.kbsite = root.kbsite || {};
  var WORD = /[\p{L}\p{N}_]+/gu;
  var CHUNK = /(-?)"([^"]*)"?|(\S+)/g;
  var COMBINING = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u093c\u094d\u0951-\u0954\u09bc\u09cd\u0a3c\u0a4d\u0abc\u0acd\u0b3c\u0b4d\u0bcd\u0c4d\u0c55\u0c56\u0cbc\u0ccd\u0d3b\u0d3c\u0d4d\u0e38-\u0e3a\u0e48-\u0e4b\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20f0\u302a-\u302f\u3099\u309a\ufe20-\ufe2f]/g;

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

  /* True when some position p of the first list has p + k in the k-th list, for every k. */
  function adjacent(lists) {
    if (lists.some(function (l) { return !l.length; })) return false;
    var sets = lists.map(function (l) { return new Set(l); });
    return lists[0].some(function (p) {
      for (var k = 1; k < sets.length; k++) if (!sets[k].has(p + k)) return false;
      return true;
    });
  }

  kb.tokenize = tokenize;
  kb.fold = fold;
  kb.parse = parse;
  kb.gap = gap;
  kb.pairBonus = pairBonus;
  kb.distance = distance;
  kb.sameCase = sameCase;
  kb.adjacent = adjacent;
  kb.hasOwn = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  if (typeof module !== "undefined" && module.exports) module.exports = kb;
})(typeof window !== "undefined" ? window : globalThis);
