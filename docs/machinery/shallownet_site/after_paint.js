// The end of every page's body (shallownet_site/after_paint.py): the page's scripts, which the
// template had as parser-blocking <script src> elements, run once the page has painted its
// first text, in their order. SCRIPTS is the list of their addresses; the page preloads them,
// so that they arrive as soon as before.
//
// The theme's bundle (the first of them) starts on the DOMContentLoaded event, which has
// already fired when it runs after the paint; if its document$ has not emitted, the event is
// fired again for it, in a task after the one in which the bundle was evaluated. A script of
// the page's content that needs document$ (the playground's) waits for the
// "shallownet:theme" event when the bundle has not run yet.
//
// Before that, while the page is parsed, it makes each relative href and src absolute, with
// the theme's own test of what is relative, as the theme's instant navigation does when it
// starts. The theme's pass came after the first paint, and the stylesheets' <link>s, given
// their new address, made the browser style every element of the page once more; this one
// comes before the browser's first style pass, and the theme finds nothing left to rewrite.
//
// It also gives <html> the classes and the attribute that the theme's bundle gives it as it
// starts: "js" for "no-js" (which the theme's stylesheet reads: `.no-js .md-search` is
// hidden), and the focus-visible polyfill's "js-focus-visible" and data-js-focus-visible.
// Set by the bundle after the first paint, that change of the root's class made the browser
// style every element of the page again; set here, it is part of the first style pass, and
// the bundle's own setting changes nothing. The scripts it adds carry absolute addresses, so
// that the theme's instant navigation does not rewrite them either.
(function (scripts) {
  "use strict";
  var started = false;

  function resolve() {
    var nodes = document.querySelectorAll("[href], [src]");
    var keys = ["href", "src"];
    for (var i = 0; i < nodes.length; i++) {
      for (var k = 0; k < keys.length; k++) {
        // an SVG element's href is no string, and read-only: left to the theme
        if (typeof nodes[i][keys[k]] !== "string") continue;
        var value = nodes[i].getAttribute(keys[k]);
        if (value && !/^(?:[a-z]+:)?\/{2}/i.test(value)) {
          nodes[i][keys[k]] = nodes[i][keys[k]];
          break;
        }
      }
    }
  }

  function asTheThemeStarts() {
    var root = document.documentElement;
    root.classList.remove("no-js");
    root.classList.add("js-focus-visible", "js");
    root.setAttribute("data-js-focus-visible", "");
  }

  function themeStarted() {
    if (typeof window.document$ === "undefined") return;
    var emitted = false;
    window.document$.subscribe(function () { emitted = true; }).unsubscribe();
    if (!emitted && document.readyState !== "loading") {
      document.dispatchEvent(new Event("DOMContentLoaded"));
    }
    // in a task of its own: what waits for it does not lengthen the theme's start
    setTimeout(function () { document.dispatchEvent(new Event("shallownet:theme")); });
  }

  function load(index) {
    if (index === scripts.length) {
      window.shallownetScripts.loaded = true;
      document.dispatchEvent(new Event("shallownet:scripts"));
      return;
    }
    var script = document.createElement("script");
    script.src = new URL(scripts[index], document.baseURI).href;
    // what follows a script's evaluation (the theme's start after the bundle's, the next
    // script) comes in a task of its own: two shorter tasks instead of one long one
    script.onload = script.onerror = function () {
      setTimeout(function () {
        if (index === 0) themeStarted();
        load(index + 1);
      });
    };
    document.body.appendChild(script);
  }

  function start() {
    if (started) return;
    started = true;
    load(0);
  }

  resolve();
  asTheThemeStarts();
  window.shallownetScripts = { loaded: false };
  try {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) setTimeout(start);
    }).observe({ type: "paint", buffered: true });
  } catch (error) {
    requestAnimationFrame(function () { setTimeout(start); });
  }
  // a page that paints no text (a tab opened in the background paints when it is shown)
  setTimeout(start, 3000);
})(SCRIPTS);
