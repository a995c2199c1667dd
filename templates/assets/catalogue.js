/* The interactive catalogue on /models/: sort, filter, count and download the rows shown.
 *
 * The table is complete without JavaScript. This script reads the rows' data from the JSON embedded in
 * the page, shows the filter controls, and keeps their state in the URL (?q=clip&modality=video&sort=-year)
 * so that a filtered view can be shared, bookmarked and reloaded. Record text is only ever set as text.
 * Ids are looked up in Maps, and a sort key from the address only if a column has it: on a plain object,
 * `constructor` or `__proto__` would find Object's own properties.
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
  var FILTERS = ["q", "modality", "objective", "architecture", "dataset", "from", "to", "knowledge", "code", "verified"];

  var rowElements = new Map();
  Array.prototype.forEach.call(tbody.rows, function (tr) { rowElements.set(tr.getAttribute("data-id"), tr); });
  var SORT_KEYS = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.getAttribute("data-key"); })
    .filter(function (key) { return key; });
  rows.forEach(function (row, index) {
    row.order = index;
    row.haystack = [row.name, row.title, row.authors].join(" ").toLowerCase();
  });

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

  function matches(row, state) {
    if (state.q) {
      var words = state.q.toLowerCase().split(/\s+/);
      for (var i = 0; i < words.length; i++) if (row.haystack.indexOf(words[i]) < 0) return false;
    }
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
  more.className = "md-button";
  more.hidden = true;
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
    shown = rows.filter(function (row) { return matches(row, state); });
    if (currentSort) {
      var key = currentSort.replace(/^-/, "");
      shown.sort(compare(key, currentSort.charAt(0) === "-" ? -1 : 1));
    }
    limit = PAGE;
    render();
    updateHeaders();
    writeState(state);
  }

  function refresh() { apply(stateFromForm()); }

  // --- downloads ---

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not read a cell as a formula
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function download(name, type, text) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }

  function downloadCsv() {
    var header = ["id", "name", "title", "authors", "year", "venue", "modalities", "architecture", "objectives",
                  "datasets", "parameters", "code", "verified", "url"];
    var lines = [header.join(",")];
    shown.forEach(function (row) {
      lines.push([row.id, row.name, row.title, row.authors, row.year, row.venue, row.modalities.join("; "),
                  row.architecture, row.objectives.join("; "), row.datasets.join("; "), row.parameters,
                  row.code, row.verified ? "yes" : "no", new URL(row.url, window.location.href).href]
        .map(csvCell).join(","));
    });
    download("mmptm-models.csv", "text/csv;charset=utf-8", "\ufeff" + lines.join("\r\n") + "\r\n");
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
      download("mmptm-models.bib", "application/x-bibtex;charset=utf-8",
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
  apply(initial);
})();
