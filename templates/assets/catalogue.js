/* The interactive catalogue on /models/: sort, filter, count and download the rows shown.
 *
 * The table is complete without JavaScript. This script reads the rows' data from the JSON embedded in
 * the page, shows the filter controls, and keeps their state in the URL (?q=clip&modality=video&sort=-year)
 * so that a filtered view can be shared, bookmarked and reloaded. Record text is only ever set as text.
 * Ids are looked up in Maps, and a sort key from the address only if a column has it: on a plain object,
 * `constructor` or `__proto__` would find Object's own properties.
 *
 * The search box forgives: case, accents, punctuation and spaces do not matter ("blip2" finds BLIP-2,
 * "llava 1.5" LLaVA-1.5, "2301.12597" its paper, "Muller" Müller). It looks in the name, former ids, title,
 * arXiv id, authors and organisations; see `queryMatcher`.
 */
(function () {
  "use strict";

  var root = document.getElementById("mmptm-catalogue");
  var dataElement = document.getElementById("mmptm-catalogue-data");
  if (!root || !dataElement) return;

  var data = JSON.parse(dataElement.textContent);
  var rows = data.rows;
  var form = document.getElementById("mmptm-controls");
  var table = document.getElementById("mmptm-table");
  var tbody = table.tBodies[0];
  var status = document.getElementById("mmptm-status");
  var filters = document.getElementById("mmptm-filters");
  var filterCount = document.getElementById("mmptm-filter-count");
  // the filters this page has: a list without a knowledge vocabulary gets no knowledge checkbox
  var FILTERS = ["q", "modality", "objective", "architecture", "dataset", "from", "to", "knowledge", "code", "verified"]
    .filter(function (name) { return form.elements[name]; });

  var rowElements = new Map();
  Array.prototype.forEach.call(tbody.rows, function (tr) { rowElements.set(tr.getAttribute("data-id"), tr); });
  var SORT_KEYS = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.getAttribute("data-key"); })
    .filter(function (key) { return key; });

  // --- forgiving text search ---

  // Letters that Unicode does not decompose into a base letter and an accent.
  var FOLDED = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i" };

  // A text's words: without accents, in lower case, split at anything that is not a letter or a digit.
  function words(text) {
    var folded = String(text || "").normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase()
      .replace(/[ßæœøłđðþı]/g, function (c) { return FOLDED[c]; });
    return folded.split(/[^\p{L}\p{N}]+/u).filter(function (word) { return word; });
  }

  // Each field on its own line, so that no match runs from one field into the next; `spaced` keeps the
  // words apart, `compact` joins them ("LLaVA-1.5" is "llava 1 5" and "llava15").
  function searchable(row) {
    var fields = [row.name, row.title, row.arxiv, row.authors].concat(row.aliases || [], row.organisations || []);
    var spaced = [], compact = [];
    fields.forEach(function (field) {
      var list = words(field);
      spaced.push(list.join(" "));
      compact.push(list.join(""));
    });
    return { spaced: "\n" + spaced.join("\n") + "\n", compact: "\n" + compact.join("\n") + "\n" };
  }

  rows.forEach(function (row, index) {
    row.order = index;
    row.search = searchable(row);
  });

  // A query matches the rows holding it whole once spaces and punctuation are dropped ("blip 2", "blip-2"
  // and "blip2" alike); when no row does, the rows holding each of its words ("li junnan", "clip video").
  function queryMatcher(query) {
    var terms = words(query);
    if (!terms.length) return null;
    var whole = terms.join("");
    var wholeMatches = function (row) { return row.search.compact.indexOf(whole) >= 0; };
    if (rows.some(wholeMatches)) return wholeMatches;
    return function (row) {
      return terms.every(function (term) { return row.search.spaced.indexOf(term) >= 0; });
    };
  }

  // --- state <-> URL ---

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FILTERS.forEach(function (name) { state[name] = params.get(name) || ""; });
    var sort = params.get("sort") || "";
    state.sort = SORT_KEYS.indexOf(sort.replace(/^-/, "")) >= 0 ? sort : "";
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    FILTERS.concat(["sort"]).forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function stateFromForm() {
    var state = { sort: currentSort };
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      state[name] = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value.trim();
    });
    return state;
  }

  function formFromState(state) {
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      if (field.type === "checkbox") field.checked = state[name] === "1";
      else field.value = state[name];
    });
  }

  // --- filtering ---

  function matches(row, state, matchesQuery) {
    if (matchesQuery && !matchesQuery(row)) return false;
    if (state.modality && row.modalities.indexOf(state.modality) < 0) return false;
    if (state.objective && row.objectives.indexOf(state.objective) < 0 &&
        row.objective_categories.indexOf(state.objective) < 0) return false;
    if (state.architecture && row.architecture !== state.architecture) return false;
    if (state.dataset && row.datasets.indexOf(state.dataset) < 0) return false;
    if (state.from && row.year < Number(state.from)) return false;
    if (state.to && row.year > Number(state.to)) return false;
    if (state.knowledge && !row.knowledge) return false;
    if (state.code && !row.code) return false;
    if (state.verified && !row.verified) return false;
    return true;
  }

  // --- sorting: numbers as numbers, missing values last in both directions ---

  var currentSort = "";

  function sortValue(row, key) {
    if (key === "objectives" || key === "modalities") return row[key + "_text"];
    if (key === "code") return row.code ? "code" : null;
    return row[key];
  }

  function compare(key, direction) {
    return function (a, b) {
      var x = sortValue(a, key), y = sortValue(b, key);
      var xMissing = x === null || x === undefined || x === "", yMissing = y === null || y === undefined || y === "";
      if (xMissing || yMissing) return xMissing === yMissing ? a.order - b.order : (xMissing ? 1 : -1);
      var result = typeof x === "number" ? x - y : String(x).localeCompare(String(y), undefined, { sensitivity: "base" });
      return result !== 0 ? direction * result : a.order - b.order;
    };
  }

  function updateHeaders() {
    var key = currentSort.replace(/^-/, "");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var button = th.querySelector("button");
      var sorted = th.getAttribute("data-key") === key && key !== "";
      th.setAttribute("aria-sort", sorted ? (currentSort.charAt(0) === "-" ? "descending" : "ascending") : "none");
      button.setAttribute("data-direction", sorted ? (currentSort.charAt(0) === "-" ? "▼" : "▲") : "");
    });
  }

  // --- rendering: rows are reordered and detached rather than hidden, and long results come in pages,
  // so that sorting or filtering thousands of rows touches only the rows that are displayed ---

  var PAGE = 250;
  var limit = PAGE;
  var shown = rows;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button mmptm-more";
  more.id = "mmptm-more";
  more.hidden = true;  // the theme styles .md-button as inline-block: controls.css makes [hidden] win
  more.addEventListener("click", function () { limit += PAGE; render(); });
  table.parentNode.insertBefore(more, table.nextSibling);

  function render() {
    var displayed = shown.slice(0, limit);
    tbody.replaceChildren.apply(tbody, displayed.map(function (row) { return rowElements.get(row.id); }));
    var all = rows.length;
    status.textContent = displayed.length < shown.length
      ? "Showing the first " + displayed.length + " of " + shown.length + " matching models (" + all + " in all)."
      : shown.length === all ? "Showing all " + all + " models." : "Showing " + shown.length + " of " + all + " models.";
    more.hidden = displayed.length >= shown.length;
    more.textContent = "Show " + Math.min(PAGE, shown.length - displayed.length) + " more";
  }

  function apply(state) {
    currentSort = state.sort;
    var matchesQuery = queryMatcher(state.q);
    shown = rows.filter(function (row) { return matches(row, state, matchesQuery); });
    if (currentSort) {
      var key = currentSort.replace(/^-/, "");
      shown.sort(compare(key, currentSort.charAt(0) === "-" ? -1 : 1));
    }
    limit = PAGE;
    render();
    updateHeaders();
    updateFilterCount(state);
    writeState(state);
  }

  function refresh() { apply(stateFromForm()); }

  // The filters other than the search box fold away (on a phone they would fill the first screen); the
  // summary says how many are set, so a folded filter is never forgotten.
  function activeFilters(state) {
    return FILTERS.filter(function (name) { return name !== "q" && state[name]; }).length;
  }

  function updateFilterCount(state) {
    var count = activeFilters(state);
    filterCount.textContent = count ? " (" + count + " set)" : "";
  }

  // --- downloads ---

  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  // The CSV of the rows shown is catalog.csv cut down to them: the same columns and cells as the whole
  // table, written once (by the generator). Its lines are split at line ends outside quoted cells; the
  // first cell of each is the model's id, which is never quoted.
  var csvLinesById = null;

  function csvLines(text) {
    var lines = [], start = 0, quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '"') quoted = !quoted;
      else if (c === "\r" && !quoted && text[i + 1] === "\n") {
        lines.push(text.slice(start, i));
        start = i + 2;
        i++;
      }
    }
    return lines;
  }

  function downloadCsv() {
    var rowsNow = shown.slice();
    var ready = csvLinesById ? Promise.resolve(csvLinesById) : fetch(root.getAttribute("data-csv"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.text();
      })
      .then(function (text) {
        var lines = csvLines(text.replace(/^\ufeff/, ""));
        csvLinesById = new Map();
        csvLinesById.set("", lines[0]);  // the header
        lines.slice(1).forEach(function (line) { csvLinesById.set(line.slice(0, line.indexOf(",")), line); });
        return csvLinesById;
      });
    ready.then(function (lines) {
      var picked = [lines.get("")].concat(rowsNow.map(function (row) { return lines.get(row.id); }));
      download("models.csv", "text/csv;charset=utf-8", "\ufeff" + picked.join("\r\n") + "\r\n");
    }, function (error) { status.textContent = "Could not load the table: " + error.message; });
  }

  // The entries come from catalog.json, fetched on first use, so that the page itself stays small.
  var bibtexById = null;

  function downloadBibtex() {
    var rowsNow = shown.slice();
    var ready = bibtexById ? Promise.resolve(bibtexById) : fetch(root.getAttribute("data-catalog"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + response.statusText);
        return response.json();
      })
      .then(function (catalog) {
        bibtexById = new Map();
        catalog.models.forEach(function (model) { bibtexById.set(model.id, model.bibtex); });
        return bibtexById;
      });
    ready.then(function (entries) {
      download("models.bib", "application/x-bibtex;charset=utf-8",
               rowsNow.map(function (row) { return entries.get(row.id); }).join("\n"));
    }, function (error) { status.textContent = "Could not load the BibTeX entries: " + error.message; });
  }

  // --- wiring ---

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    var key = th.getAttribute("data-key");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "mmptm-sort";
    button.textContent = th.textContent;
    button.setAttribute("aria-label", "Sort by " + th.textContent);
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      // first click: numbers largest first, text A to Z; a second click reverses
      var first = numeric ? "-" + key : key, second = numeric ? key : "-" + key;
      currentSort = currentSort === first ? second : first;
      refresh();
    });
    th.textContent = "";
    th.appendChild(button);
  });

  form.addEventListener("input", refresh);
  form.addEventListener("change", function (event) { if (!event.target.classList.contains("mmptm-pick")) refresh(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  document.getElementById("mmptm-reset").addEventListener("click", function () {
    form.reset();
    refresh();
  });
  document.getElementById("mmptm-csv").addEventListener("click", downloadCsv);
  document.getElementById("mmptm-bib").addEventListener("click", downloadBibtex);

  // --- picking models to compare: a checkbox on each row, kept for this page view ---

  var picked = [];
  var compareLink = document.getElementById("mmptm-compare-link");

  function updateCompareLink() {
    compareLink.textContent = "Compare selected (" + picked.length + ")";
    compareLink.href = compareLink.getAttribute("data-href") + (picked.length ? "?m=" + picked.join(",") : "");
    compareLink.setAttribute("aria-disabled", picked.length < 2 ? "true" : "false");
  }

  rows.forEach(function (row) {
    var cell = rowElements.get(row.id).cells[0];
    var box = document.createElement("input");
    box.type = "checkbox";
    box.className = "mmptm-pick";
    box.setAttribute("aria-label", "Select " + row.name + " to compare");
    box.addEventListener("change", function () {
      var at = picked.indexOf(row.id);
      if (box.checked && at < 0) {
        if (picked.length >= 4) { box.checked = false; status.textContent = "Compare up to four models at a time."; return; }
        picked.push(row.id);
      } else if (!box.checked && at >= 0) picked.splice(at, 1);
      updateCompareLink();
    });
    cell.insertBefore(box, cell.firstChild);
  });
  updateCompareLink();

  form.hidden = false;
  var initial = readState();
  // mkdocs-material's search opens itself when the address has `?q=` (it starts before this script) and
  // drops `q` from the address when closed. Here `q` is the catalogue's text filter: close that search
  // again, then `apply` below writes the filter's state, `q` included, back into the address.
  var searchToggle = document.getElementById("__search");
  if (searchToggle && searchToggle.checked && initial.q) {
    searchToggle.click();
    var searchInput = document.querySelector(".md-search__input");
    if (searchInput) { searchInput.value = ""; searchInput.blur(); }
  }
  formFromState(initial);
  filters.open = activeFilters(initial) > 0 || !window.matchMedia("(max-width: 44.984375em)").matches;
  apply(initial);
})();
