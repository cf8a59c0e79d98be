// kbsite's graph picture: zoom, pan and focus, inside the SVG itself (it runs where the SVG is an <object>,
// also from file://, and the picture stays a plain SVG of links where scripts do not run).
(function () {
  "use strict";
  var svg = document.documentElement;
  var LABEL_PX = 13, MIN = 0.5, MAX = 8;
  var box = svg.getAttribute("viewBox").split(" ").map(Number);
  var home = box.slice(), zoom = 1, focused = null;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".kb-node"));
  // The lines are one path; data-edges names the nodes each joins (by their order in the picture).
  var lines = svg.querySelector(".kb-lines");
  var ends = lines ? lines.getAttribute("data-edges").split(" ").filter(Boolean).map(Number) : [];
  var near = document.createElementNS("http://www.w3.org/2000/svg", "path");
  near.setAttribute("class", "kb-near");
  if (lines) lines.parentNode.appendChild(near);

  function pixelsPerUnit() {
    var r = svg.getBoundingClientRect();
    return r.width ? r.width / box[2] : 1;
  }
  // Labels keep LABEL_PX on screen whatever the picture's size or zoom: the geometry scales, the text does not.
  function fitLabels() {
    var size = LABEL_PX / pixelsPerUnit();
    svg.style.setProperty("--kb-label", size + "px");
    svg.setAttribute("font-size", String(size));
  }
  var controls = svg.querySelector(".kb-controls"), legend = svg.querySelector(".kb-legend");
  function setBox(b) {
    box = b;
    svg.setAttribute("viewBox", b.map(function (v) { return v.toFixed(1); }).join(" "));
    fitLabels();
    var k = 1 / pixelsPerUnit();  // the buttons and the legend stay in their corners, at their size on screen
    if (controls) controls.setAttribute("transform", "translate(" + (b[0] + b[2] - 8 * k) + " " + (b[1] + 8 * k) + ") scale(" + k + ")");
    if (legend) legend.setAttribute("transform", "translate(" + b[0] + " " + b[1] + ") scale(" + k + ")");
  }
  function zoomBy(factor, cx, cy) {
    var next = Math.min(MAX, Math.max(MIN, zoom * factor));
    factor = next / zoom;
    zoom = next;
    if (cx === undefined) { cx = box[0] + box[2] / 2; cy = box[1] + box[3] / 2; }
    setBox([cx - (cx - box[0]) / factor, cy - (cy - box[1]) / factor, box[2] / factor, box[3] / factor]);
  }
  function point(evt) {
    var r = svg.getBoundingClientRect();
    return [box[0] + (evt.clientX - r.left) / pixelsPerUnit(), box[1] + (evt.clientY - r.top) / pixelsPerUnit()];
  }
  function centre(i) {
    var c = nodes[i].querySelector("circle");
    return c.getAttribute("cx") + " " + c.getAttribute("cy");
  }
  function focus(i) {
    focused = focused === i ? null : i;
    var linked = {}, path = [];
    if (focused !== null) {
      linked[focused] = true;
      for (var k = 0; k < ends.length; k += 2) {
        if (ends[k] !== focused && ends[k + 1] !== focused) continue;
        linked[ends[k]] = linked[ends[k + 1]] = true;
        path.push("M" + centre(ends[k]) + "L" + centre(ends[k + 1]));
      }
    }
    svg.classList.toggle("kb-focused", focused !== null);
    nodes.forEach(function (n, j) { n.classList.toggle("kb-near", !!linked[j]); });
    if (path.length) near.setAttribute("d", path.join(""));
    else near.removeAttribute("d");
  }
  svg.addEventListener("wheel", function (evt) {
    if (!evt.ctrlKey && !evt.metaKey) return;  // a plain wheel scrolls the page, as everywhere else
    evt.preventDefault();
    var p = point(evt);
    zoomBy(evt.deltaY < 0 ? 1.2 : 1 / 1.2, p[0], p[1]);
  }, { passive: false });
  var drag = null;
  svg.addEventListener("pointerdown", function (evt) {
    if (evt.target.closest && evt.target.closest("a, .kb-control")) return;
    drag = { x: evt.clientX, y: evt.clientY, box: box.slice(), moved: false };
  });
  svg.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var k = pixelsPerUnit(), dx = (evt.clientX - drag.x) / k, dy = (evt.clientY - drag.y) / k;
    if (Math.abs(dx) + Math.abs(dy) > 2) drag.moved = true;
    if (drag.moved) setBox([drag.box[0] - dx, drag.box[1] - dy, drag.box[2], drag.box[3]]);
  });
  svg.addEventListener("pointerup", function () { drag = null; });
  svg.addEventListener("pointerleave", function () { drag = null; });
  nodes.forEach(function (n, i) {
    // The dot focuses its neighbourhood; the label is the link to the page (without scripts, both are).
    n.querySelector("circle").addEventListener("click", function (evt) { evt.preventDefault(); focus(i); });
    n.addEventListener("focus", function () { if (focused !== i) focus(i); });
  });
  function control(name, action) {
    var c = svg.querySelector('[data-control="' + name + '"]');
    if (!c) return;
    c.addEventListener("click", action);
    c.addEventListener("keydown", function (evt) {
      if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); action(); }
    });
  }
  control("in", function () { zoomBy(1.5); });
  control("out", function () { zoomBy(1 / 1.5); });
  control("reset", function () { zoom = 1; setBox(home.slice()); if (focused !== null) focus(focused); });
  svg.classList.add("kb-interactive");
  window.addEventListener("resize", function () { setBox(box); });
  setBox(box);
})();
