// MathJax 3.2.2, served from the site (assets/mathjax/, copied by docs/hooks/mathjax.py).
//
// pymdownx.arithmatex (generic mode) writes inline math as <span class="arithmatex">\(...\)</span>
// and display math as <div class="arithmatex">\[...\]</div>; MathJax only looks inside those.
//
// Typesetting is driven by Material's document$ observable, which fires on the first load
// and after every instant navigation. MathJax's own first typeset is turned off
// (startup.typeset: false) and every typeset is chained onto MathJax.startup.promise, so two
// typesets never run at the same time. When they overlapped (Material's documented
// recipe, where document$ calls typesetPromise() while MathJax's own first typeset is still
// running), the second one found \href undefined, showed it in red, and raised "macro
// parameter character" errors at the # of its URL.
(() => {
  // Set when document$ fires before tex-mml-chtml.js has defined MathJax.startup.promise
  // (only possible if MathJax is ever loaded async); MathJax's ready() then catches up.
  let pending = false;

  function typeset() {
    const startup = window.MathJax && window.MathJax.startup;
    if (!startup || !startup.promise) {
      pending = true;
      return;
    }
    startup.promise = startup.promise
      .then(() => {
        MathJax.startup.output.clearCache();
        MathJax.typesetClear();
        MathJax.texReset();
        return MathJax.typesetPromise();
      })
      .catch((error) => console.error("MathJax typeset failed:", error));
  }

  window.MathJax = {
    tex: {
      inlineMath: [["\\(", "\\)"]],
      displayMath: [["\\[", "\\]"]],
      processEscapes: true,
      processEnvironments: true,
    },
    options: {
      ignoreHtmlClass: ".*|",
      processHtmlClass: "arithmatex",
    },
    startup: {
      typeset: false,
      ready() {
        MathJax.startup.defaultReady();
        if (pending) {
          pending = false;
          typeset();
        }
      },
    },
  };

  document$.subscribe(() => typeset());
})();
