// While the reader switches palettes, the theme's transitions are off, so that every colour
// changes at once. The theme's own rule does it (transition-duration: 0s on every element),
// keyed at build time (shallownet_site.theme_css) to an attribute of <body> that only this
// script sets: data-sn-color-switching, for two frames after the reader's switch.
//
// The theme keys the rule to data-md-color-switching, which its bundle also sets and takes
// off as it starts, on every page load; each change made the browser style the whole page
// again. A switch is a change event of one of the theme's palette inputs (a click on its
// toggle, or Enter); this listener, on the document in the capture phase, runs before the
// theme's listeners on the input, which change the colours.
(function () {
  "use strict";
  document.addEventListener(
    "change",
    function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || input.name !== "__palette") return;
      document.body.setAttribute("data-sn-color-switching", "");
      requestAnimationFrame(function () {
        requestAnimationFrame(function () {
          document.body.removeAttribute("data-sn-color-switching");
        });
      });
    },
    true
  );
})();
