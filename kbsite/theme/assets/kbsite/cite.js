// kbsite: a Download button beside each citation format of an article's "Cite" box. The text is already on the
// page (to copy, also without scripts); the button saves it as a file, which works offline and from file://.
(function () {
  "use strict";
  var TYPES = { bib: "application/x-bibtex", ris: "application/x-research-info-systems", json: "application/vnd.citationstyles.csl+json" };
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    document.querySelectorAll(".kb-cite pre[data-ext]").forEach(function (pre) {
      var ext = pre.getAttribute("data-ext");
      var name = pre.closest(".kb-cite").getAttribute("data-name") + "." + ext;
      var label = pre.previousElementSibling ? pre.previousElementSibling.textContent : ext;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button kb-cite-download";
      button.textContent = "Download " + label;
      button.addEventListener("click", function () {
        var blob = new Blob([pre.textContent + "\n"], { type: (TYPES[ext] || "text/plain") + ";charset=utf-8" });
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
      });
      pre.parentNode.insertBefore(button, pre.nextSibling);
    });
  });
})();
