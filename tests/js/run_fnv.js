// fnv1a of preview.js, run on each string of a JSON array read from standard input (tests/test_emit_previews.py).
"use strict";
const fs = require("fs");
const path = require("path");
const source = fs.readFileSync(path.join(__dirname, "..", "..", "kbsite", "theme", "assets", "kbsite", "preview.js"), "utf8");
const window = { matchMedia: () => ({ matches: true }) };
const document = { currentScript: null, addEventListener() {} };
new Function("window", "document", source)(window, document);
const strings = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(strings.map((s) => window.KbPreview.fnv1a(s))));
