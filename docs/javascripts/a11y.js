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
