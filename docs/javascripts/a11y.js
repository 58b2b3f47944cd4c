// Accessibility fixes for the theme's own markup, applied on every page load and after
// every instant navigation (Material's document$ observable).
//
// Material 9.8 renders the search overlay as <div class="md-search" role="dialog"> with no
// accessible name, which axe-core reports as "aria-dialog-name" (serious). Naming it after
// its input's placeholder fixes that without copying the theme's template.
document$.subscribe(() => {
  const dialog = document.querySelector(".md-search[role=dialog]");
  if (dialog && !dialog.hasAttribute("aria-label")) {
    const input = dialog.querySelector("input.md-search__input");
    dialog.setAttribute("aria-label", (input && input.placeholder) || "Search");
  }
});

// Each code block's buttons (copy) sit in <nav class="md-code__nav">, which the theme's
// script adds. A <nav> is a navigation landmark, so a page with code listed one unnamed
// landmark per block, which axe-core reports as "landmark-unique". The buttons are not
// navigation: role="none" (which axe allows on <nav>) takes the landmark away and keeps
// the buttons. The theme adds the <nav> when it mounts a block, hence the observer.
const unlandmarkCodeNavs = () => {
  for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
    nav.setAttribute("role", "none");
  }
};
unlandmarkCodeNavs();
new MutationObserver(unlandmarkCodeNavs).observe(document.body, { childList: true, subtree: true });

// A navigation section with an index page ("API", under navigation.indexes) is labelled by
// its expand toggle, a <label> holding only an icon: the section's <nav> and the toggle
// both had an empty name. The toggle gets the index page's title as text that only a
// screen reader reads (.sn-visually-hidden, extra.css), so that its content names
// both, as the theme's other sections are named by their title. Not aria-label: it is
// prohibited on a <label> (axe-core 4.14's aria-prohibited-attr, in Lighthouse's score).
document$.subscribe(() => {
  for (const nav of document.querySelectorAll("nav.md-nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"));
    const link = label && label.parentElement.querySelector("a.md-nav__link");
    if (link && label.textContent.trim() === "") {
      const name = document.createElement("span");
      name.className = "sn-visually-hidden";
      name.textContent = link.textContent.trim();
      label.append(name);
    }
  }
});

// A table wider than the column scrolls sideways in the theme's .md-typeset__scrollwrap; a
// keyboard reaches and scrolls it only if it can take focus (axe's
// "scrollable-region-focusable"), as the display equations can (shallownet_site/mathjax.py).
// Only a wrapper that scrolls at the current width gets the tab stop, as the width changes.
const scrollwraps = new ResizeObserver((entries) => {
  for (const { target } of entries) {
    if (target.scrollWidth > target.clientWidth) {
      target.tabIndex = 0;
    } else if (target.hasAttribute("tabindex")) {
      target.removeAttribute("tabindex");
    }
  }
});
document$.subscribe(() => {
  scrollwraps.disconnect();
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    scrollwraps.observe(wrap);
  }
});
