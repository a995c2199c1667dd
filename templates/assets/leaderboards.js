/* Leaderboard selectors on a benchmark's page: one board at a time, chosen by metric, split, protocol and
 * conditions, with "authors' numbers only" on by default; the choice is kept in the URL
 * (?metric=cider&split=karpathy-test&protocol=fine-tuned&all=1) so that a view can be shared.
 *
 * Without JavaScript every board shows, each with both of its tables. Board data comes from the sections'
 * data attributes; record text is only ever set as text.
 */
(function () {
  "use strict";

  var form = document.getElementById("mmptm-board-controls");
  if (!form) return;
  var boards = Array.prototype.slice.call(document.querySelectorAll("section.mmptm-board"));
  if (!boards.length) return;
  var KEYS = ["metric", "split", "protocol", "flags"];
  var index = document.querySelector(".mmptm-board-index");

  function value(board, key) { return board.getAttribute("data-" + key) || ""; }
  function label(board, key) { return key === "flags" ? board.getAttribute("data-flags-name") : board.getAttribute("data-" + key + "-name"); }

  function matching(choice, upTo) {
    return boards.filter(function (board) {
      for (var i = 0; i < upTo; i++) if (value(board, KEYS[i]) !== choice[KEYS[i]]) return false;
      return true;
    });
  }

  // Each selector offers the values present among boards matching the choices before it; a value that is
  // not offered falls back to the default board's, then to the first offered.
  function settle(choice) {
    var fallback = boards.filter(function (b) { return b.hasAttribute("data-default"); })[0] || boards[0];
    KEYS.forEach(function (key, position) {
      var candidates = matching(choice, position);
      var offered = [];
      candidates.forEach(function (board) {
        if (offered.indexOf(value(board, key)) < 0) offered.push(value(board, key));
      });
      if (offered.indexOf(choice[key]) < 0) {
        choice[key] = offered.indexOf(value(fallback, key)) >= 0 ? value(fallback, key) : offered[0];
      }
      if (key !== "metric") {
        var select = form.elements[key];
        while (select.options.length) select.remove(0);
        offered.forEach(function (option) {
          var board = candidates.filter(function (b) { return value(b, key) === option; })[0];
          var element = document.createElement("option");
          element.value = option;
          element.textContent = label(board, key) || option;
          select.appendChild(element);
        });
      }
      form.elements[key].value = choice[key];
    });
    return choice;
  }

  function readChoice() {
    var params = new URLSearchParams(window.location.search);
    var choice = { all: params.get("all") === "1" };
    KEYS.forEach(function (key) { choice[key] = params.get(key) || ""; });
    // A link to one board (#board-…) wins over the query; no query means the default board.
    var target = boards.filter(function (b) { return "#" + b.id === decodeURIComponent(window.location.hash); })[0];
    if (target || !params.has("metric")) {
      var start = target || boards.filter(function (b) { return b.hasAttribute("data-default"); })[0] || boards[0];
      KEYS.forEach(function (key) { choice[key] = value(start, key); });
    }
    return choice;
  }

  function show(choice, write) {
    choice = settle(choice);
    var shown = matching(choice, KEYS.length)[0];
    boards.forEach(function (board) {
      board.hidden = board !== shown;
      var authors = board.querySelector(".mmptm-board-authors");
      var everyone = board.querySelector(".mmptm-board-everyone");
      if (authors) authors.hidden = choice.all && !!everyone;
      if (everyone) everyone.hidden = !choice.all;
    });
    form.elements.authors.checked = !choice.all;
    if (write) {
      var params = new URLSearchParams();
      KEYS.forEach(function (key) { if (choice[key]) params.set(key, choice[key]); });
      if (choice.all) params.set("all", "1");
      window.history.replaceState(null, "", window.location.pathname + "?" + params.toString() + window.location.hash);
    }
  }

  form.hidden = false;
  if (index) index.hidden = true;
  form.addEventListener("change", function () {
    var choice = { all: !form.elements.authors.checked };
    KEYS.forEach(function (key) { choice[key] = form.elements[key].value; });
    show(choice, true);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", function () { show(readChoice(), false); });
  show(readChoice(), false);
})();
