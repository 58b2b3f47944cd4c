// Converts TeX to MathML with MathJax's own TeX parser, for shallownet_site/mathjax.py (one
// process per build). Run as: node mathjax_typeset.cjs <MathJax es5 folder>
//
// Reads one JSON request per line on stdin and writes one JSON answer per line on stdout:
//   {"math": [[tex, display], ...]}  ->  {"results": [{"mml": ...} | {"error": ..., "mml": ...}]}
// The first line written is {"ready": "<MathJax version>"}. The browser draws the MathML
// itself (mathjax.py turns it into MathML Core): no MathJax output runs, here or there.
//
// The configuration is the browser's of before (docs/javascripts/mathjax.js, removed), with two
// changes for the build:
//   - TeX errors are thrown rather than typeset in red, so mathjax.py can fail the build;
//   - the noundefined package is left out, so an unknown macro is such an error too (with it,
//     MathJax shows the macro's name in red and reports nothing).
// Everything else is MathJax's default TeX input component (base, ams, newcommand, require,
// autoload, configmacros; autoload loads html, cancel, color, ... from the same es5 folder).
"use strict";

const path = require("path");
const readline = require("readline");

// Anything MathJax prints goes to stderr: stdout carries the answers only.
console.log = console.error;
console.info = console.error;

const es5 = path.resolve(process.argv[2]);
let throwErrors = true;

function answer(object) {
  process.stdout.write(JSON.stringify(object) + "\n");
}

require(path.join(es5, "node-main.js"))
  .init({
    loader: { load: ["input/tex"] },
    tex: {
      packages: { "[-]": ["noundefined"] },
      processEscapes: true,
      processEnvironments: true,
      formatError(jax, error) {
        if (throwErrors) throw error;
        return jax.formatError(error);
      },
    },
    startup: { typeset: false },
  })
  .then((MathJax) => {
    const typeset = async (tex, display) => {
      MathJax.texReset();
      return MathJax.tex2mmlPromise(tex, { display });
    };
    const one = async ([tex, display]) => {
      try {
        throwErrors = true;
        return { mml: await typeset(tex, display) };
      } catch (error) {
        throwErrors = false;
        try {
          return { error: String(error.message || error), mml: await typeset(tex, display) };
        } finally {
          throwErrors = true;
        }
      }
    };
    // Requests are answered in order, one at a time.
    let queue = Promise.resolve();
    const lines = readline.createInterface({ input: process.stdin });
    lines.on("line", (line) => {
      queue = queue.then(async () => {
        const request = JSON.parse(line);
        const results = [];
        for (const item of request.math) results.push(await one(item));
        answer({ results });
      });
    });
    answer({ ready: MathJax.version });
  })
  .catch((error) => {
    console.error("MathJax failed to start:", error);
    process.exit(1);
  });
