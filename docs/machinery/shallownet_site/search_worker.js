// Appended by shallownet_site/search.py to Material's search worker in the built site.
//
// Material turns every typed term into a prefix query ("vanishing" becomes "vanishing*"),
// and lunr passes no such term through its pipeline, so a query is never stemmed: a
// learner who types "vanishing" finds no page that says "vanish". Here each such term is
// cut to the part it shares with its stem, by lunr's own Porter stemmer: "vanishing*"
// becomes "vanish*", which finds vanish, vanishes and vanishing, while "accuracy*" (stem
// "accuraci") becomes "accurac*", which still finds accuracy. The index is not stemmed,
// so what a learner types as far as it goes still finds the words that begin with it.
;(function () {
  "use strict"
  var lunr = self.lunr
  if (!lunr || !lunr.Query || !lunr.stemmer) {
    throw new Error("shallownet: lunr is not where Material's search worker used to put it")
  }
  var WILDCARD = lunr.Query.wildcard
  var clause = lunr.Query.prototype.clause
  var EXACT_BOOST = 10

  function stemPrefix(word) {
    if (!/^[a-z]{4,}$/.test(word)) return word
    var stem = lunr.stemmer(new lunr.Token(word)).toString()
    var n = 0
    while (n < word.length && n < stem.length && word[n] === stem[n]) n++
    return n >= 3 ? word.slice(0, n) : word
  }

  lunr.Query.prototype.clause = function (c) {
    // From a query string: "vanishing*", a trailing wildcard and nothing else.
    if (typeof c.term === "string" && /^[^*]+\*$/.test(c.term)) {
      var typed = c.term.slice(0, -1)
      var word = stemPrefix(typed)
      c.term = word + "*"
      // lunr weighs each word that begins with the term by its rarity, so a rare longer
      // word, "tanh_derivative", outweighs the common word typed, "tanh". The word typed,
      // when the stemmer left it whole, also goes in as a word of its own, weighed up.
      var optional = c.presence === undefined || c.presence === lunr.Query.presence.OPTIONAL
      if (word === typed && optional) {
        var exact = { term: word, usePipeline: false, boost: EXACT_BOOST }
        if (c.fields !== undefined) exact.fields = c.fields
        clause.call(this, exact)
      }
    // From Material's suggestions: the term with the wildcard as a flag.
    } else if (typeof c.term === "string" && c.wildcard === WILDCARD.TRAILING) {
      c.term = stemPrefix(c.term)
    }
    return clause.call(this, c)
  }
})()
