// MathJax's SVG output, with one glyph cache per page, for benchmarks/math_forms.py.
// Run as: node svg.cjs <MathJax es5 folder> <pages.json>, where pages.json maps each page to
// its equations, [[tex, display], ...]. Prints {page: {items: [svg, ...], cache: svg},
// "__css": stylesheet}: each equation's <mjx-container> (with assistive MathML, as the CHTML
// output had), and the page's <svg> of glyph paths that every equation's <use> points to.
"use strict";

const fs = require("fs");
const path = require("path");

console.log = console.error;
const [es5, pagesFile] = process.argv.slice(2);
const pages = JSON.parse(fs.readFileSync(pagesFile, "utf8"));

require(path.join(path.resolve(es5), "node-main.js"))
  .init({
    loader: { load: ["input/tex", "output/svg", "a11y/assistive-mml"] },
    tex: { packages: { "[-]": ["noundefined"] }, processEscapes: true, processEnvironments: true },
    svg: { fontCache: "global" },
    startup: { typeset: false },
  })
  .then(async (MathJax) => {
    const adaptor = MathJax.startup.adaptor;
    const cache = MathJax.startup.output.fontCache;
    const out = {};
    for (const [page, math] of Object.entries(pages)) {
      cache.clearCache();
      const items = [];
      for (const [tex, display] of math) {
        MathJax.texReset();
        items.push(adaptor.outerHTML(await MathJax.tex2svgPromise(tex, { display })));
      }
      const defs = adaptor.outerHTML(cache.getCache());
      out[page] = {
        items,
        cache: `<svg id="MJX-SVG-global-cache" style="display: none" xmlns="http://www.w3.org/2000/svg">${defs}</svg>`,
      };
    }
    out.__css = adaptor.textContent(MathJax.svgStylesheet());
    process.stdout.write(JSON.stringify(out));
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
