// kbsite: Material 9.8's partials/javascripts/palette.html as a file, loaded where that partial is (partials/header.html),
// so the browser caches it once instead of every page carrying it (a 50,000-article site must fit GitHub Pages).
// First it writes Material's palette switch (partials/palette.html) from its data-palette, where this script stands.
(function (script) {
  var options = JSON.parse((script && script.getAttribute("data-palette")) || "[]");
  if (!options.length) return;
  var form = document.createElement("form");
  form.className = "md-header__option";
  form.setAttribute("data-md-component", "palette");
  options.forEach(function (o, i) {
    var input = document.createElement("input");
    input.className = "md-option";
    ["media", "scheme", "primary", "accent"].forEach(function (key, k) { input.setAttribute("data-md-color-" + key, o[k]); });
    if (o[4]) input.setAttribute("aria-label", o[4]); else input.setAttribute("aria-hidden", "true");
    input.type = "radio";
    input.name = "__palette";
    input.id = "__palette_" + i;
    form.appendChild(input);
    if (!o[4]) return;
    var label = document.createElement("label");
    label.className = "md-header__button md-icon";
    label.title = o[4];
    label.htmlFor = "__palette_" + ((i + 1) % options.length);
    label.hidden = true;
    label.innerHTML = o[5];
    form.appendChild(label);
  });
  script.parentNode.insertBefore(form, script);
})(document.currentScript);
var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document.querySelector(media.matches?"[data-md-color-media='(prefers-color-scheme: light)']":"[data-md-color-media='(prefers-color-scheme: dark)']");palette.color.media=input.getAttribute("data-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))document.body.setAttribute("data-md-color-"+key,value)}
