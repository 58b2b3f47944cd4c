// Copy buttons on console snippets copy runnable code: the source lines without their
// ">>> " and "... " prompts, and without the output lines.
//
// Material's copy button copies the block's whole text unless an ancestor of the <code>
// element has a data-copy attribute, whose value it copies instead. This script sets
// data-copy on the <div class="highlight"> of every console block, on every document$ event
// (the first load and every instant navigation). Console blocks are
//   - ```pycon fences of the Markdown pages: <div class="language-pycon highlight">;
//   - the "Examples" sections that mkdocstrings renders from docstrings on the API pages:
//     a <div class="highlight"> with no language class whose first line is a ">>>" prompt.
// Plain ```python blocks are left alone and copy verbatim. A signature block of the API
// pages (.doc-signature) is not runnable code: docs/stylesheets/extra.css hides its button.
//
// The copy runs wherever it is pasted because the blocks are written for it (README, "How a
// snippet and a docstring are written"): an empty "..." line, copied as an empty line, closes
// each indented block, as the plain python prompt needs when it reads a paste line by line.
// Material trims the end of what it copies, so the learner's Enter runs the last line.

function shallownetSourceLines(text) {
  const source = [];
  for (const line of text.replace(/\n$/, "").split("\n")) {
    if (line.startsWith(">>> ") || line.startsWith("... ")) {
      source.push(line.slice(4));
    } else if (line === ">>>" || line === "...") {
      source.push("");
    }
    // anything else is output, which is not code
  }
  return source.join("\n") + "\n";
}

function shallownetIsConsole(block) {
  if (block.classList.contains("language-pycon")) return true;
  if (Array.from(block.classList).some((name) => name.startsWith("language-"))) return false;
  const code = block.querySelector("pre > code");
  return code !== null && /^>>>( |$)/.test(code.textContent);
}

document$.subscribe(() => {
  for (const block of document.querySelectorAll("div.highlight")) {
    if (block.hasAttribute("data-copy") || !shallownetIsConsole(block)) continue;
    const code = block.querySelector("pre > code");
    if (code === null) continue;
    block.setAttribute("data-copy", shallownetSourceLines(code.textContent));
  }
});
