/* The compare page (/compare/?m=clip,align): 2 to 4 models side by side, from the site's catalog.json.
 * Everything from records is inserted as text (textContent), never as HTML, and only http(s) URLs become
 * links. Ids from the address are looked up in a Map: on a plain object, `?m=constructor` or
 * `?m=__proto__` would find Object's own properties and pass them on as models. */
(function () {
  "use strict";

  var root = document.getElementById("mmptm-compare");
  if (!root) return;
  var MAX = 4;
  var form = document.getElementById("mmptm-compare-controls");
  var select = document.getElementById("compare-add");
  var status = document.getElementById("mmptm-compare-status");
  var result = document.getElementById("mmptm-compare-result");
  var modelsUrl = root.getAttribute("data-models-url");
  var benchmarksUrl = root.getAttribute("data-benchmarks-url");
  var byId = new Map();
  var chosen = [];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function modelLink(model) {
    var a = el("a", model.name);
    a.href = modelsUrl + model.url.replace(/^models\//, "");
    return a;
  }

  function names(list) { return (list || []).map(function (item) { return item.name; }).join(", ") || "—"; }

  function isHttpUrl(value) { return typeof value === "string" && /^https?:\/\/[^\s]+$/i.test(value); }

  // A URL as a link (its text the URL itself), or as text when it is not http(s).
  function urlLink(url) {
    if (!isHttpUrl(url)) return document.createTextNode(url);
    var a = el("a", url, "mmptm-url");
    a.href = url;
    return a;
  }

  function nodeList(nodes, separator) {
    var span = el("span");
    nodes.forEach(function (node, i) {
      if (i) span.appendChild(document.createTextNode(separator || ", "));
      span.appendChild(node);
    });
    return span;
  }

  function readChoice() {
    var raw = new URLSearchParams(window.location.search).get("m") || "";
    var ids = raw.split(",").map(function (s) { return s.trim(); }).filter(function (id) { return byId.has(id); });
    return ids.filter(function (id, i) { return ids.indexOf(id) === i; }).slice(0, MAX);
  }

  function writeChoice() {
    var params = new URLSearchParams(window.location.search);
    if (chosen.length) params.set("m", chosen.join(",")); else params.delete("m");
    var query = params.toString().replace(/%2C/g, ",");
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  var FIELDS = [
    ["Title", function (m) { return m.title; }],
    ["Authors", function (m) { return (m.authors || []).join(", ") || "—"; }],
    ["Year", function (m) { return m.year; }],
    ["Venue", function (m) { return m.venue ? m.venue.name + " " + m.venue.year : "—"; }],
    ["Modalities", function (m) { return names(m.modalities); }],
    ["Architecture", function (m) { return m.architecture ? m.architecture.interaction.name : "—"; }],
    ["Backbones", function (m) {
      var b = m.architecture && m.architecture.backbones;
      return b && Object.keys(b).length ? Object.keys(b).map(function (k) { return k + ": " + b[k]; }).join("; ") : "—";
    }],
    ["Parameters", function (m) {
      if (!m.parameters) return "—";
      var low = humanCount(m.parameters.smallest), high = humanCount(m.parameters.largest);
      return low === high ? high : low + " – " + high;
    }],
    ["Variants", function (m) {
      var variants = (m.variants || []).map(function (v) { return el("span", v.name, "mmptm-token"); });
      return variants.length ? nodeList(variants, "; ") : "—";
    }],
    ["Pre-training data", function (m) { return names(m.datasets); }],
    ["Objectives", function (m) { return names(m.objectives); }],
    ["Knowledge enhancement", function (m) { return m.knowledge === undefined ? "not stated" : names(m.knowledge).replace(/^—$/, "none"); }],
    ["Evaluated on", function (m) { return names(m.tasks); }],
    ["Official code", function (m) {
      var code = ((m.links && m.links.code) || []).filter(function (c) { return c.official; });
      return code.length ? nodeList(code.map(function (c) { return urlLink(c.url); })) : "—";
    }],
    ["Weights", function (m) { return m.weights ? m.weights.availability : "—"; }],
    ["Verified", function (m) { return m.needs_review ? "no: " + (m.review_note || "") : "yes"; }],
  ];

  function humanCount(value) {
    var units = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
    for (var i = 0; i < units.length; i++) {
      if (value >= units[i][0]) return Number((value / units[i][0]).toPrecision(3)) + "\u00a0" + units[i][1];  // "3.1 B" stays on one line
    }
    return String(value);
  }

  // A table in a box of its own that scrolls sideways on a narrow screen (focusable, so a keyboard can scroll it).
  function scrollBox(tableElement, label) {
    var box = el("div", null, "mmptm-scroll");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", label);
    box.tabIndex = 0;
    box.appendChild(tableElement);
    return box;
  }

  function table(headers, rows) {
    var t = el("table");
    var head = t.createTHead().insertRow();
    headers.forEach(function (h) { var th = el("th"); th.appendChild(typeof h === "string" ? document.createTextNode(h) : h); head.appendChild(th); });
    var body = t.createTBody();
    rows.forEach(function (cells) {
      var tr = body.insertRow();
      cells.forEach(function (cell, i) {
        var td = el(i === 0 ? "th" : "td");
        if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell === undefined ? "" : String(cell);
        tr.appendChild(td);
      });
    });
    return t;
  }

  // Like with like, as on the leaderboards: the authors' own confirmed numbers, grouped by everything that
  // decides comparability; a known split and protocol only. Each model shows its best variant there.
  function sharedBenchmarks(models) {
    var groups = new Map();
    models.forEach(function (model, index) {
      (model.results || []).forEach(function (r) {
        if (r.evaluated_by.id !== "authors" || r.needs_review) return;
        if (r.split.id === "unknown" || r.protocol.id === "unknown" || (r.version && r.version.id === "unknown")) return;
        var key = [r.benchmark.id, r.metric.id, r.split.id, r.version ? r.version.id : "", r.protocol.id,
                   r.shots || "", flagIds(r).join("+")].join("|");
        if (!groups.has(key)) groups.set(key, { key: key, result: r, best: new Map(), variants: new Map() });
        var group = groups.get(key), best = group.best;
        var seen = group.variants.get(index) || new Set();
        seen.add(r.variant.id);
        group.variants.set(index, seen);
        var current = best.get(index);
        var better = r.metric.direction === "lower" ? r.value < (current ? current.value : Infinity)
                                                    : r.value > (current ? current.value : -Infinity);
        if (!current || better) best.set(index, r);
      });
    });
    return Array.from(groups.values())
      .filter(function (g) { return g.best.size >= 2; })
      .sort(function (a, b) { return a.key < b.key ? -1 : a.key > b.key ? 1 : 0; });
  }

  function flagIds(r) { return r.flags.map(function (f) { return f.id; }).sort(); }

  // What a board of the leaderboards compares, apart from the benchmark: metric, split, version, conditions.
  function boardSetting(r) {
    var parts = [r.metric.name, r.split.name];
    if (r.version) parts.push(r.version.name);
    r.flags.forEach(function (f) { parts.push(f.name); });
    return parts.join(" · ");
  }

  function protocolName(r) { return r.protocol.name + (r.shots ? ", " + r.shots + " shots" : ""); }

  // The board's id on its benchmark's page, as catalog.BoardKey.slug writes it.
  function boardSlug(r) {
    var parts = [r.metric.id, r.split.id, r.version ? r.version.id : null, r.protocol.id,
                 r.shots ? r.shots + "-shot" : null].concat(flagIds(r));
    return parts.filter(function (part) { return part; }).join(".");
  }

  function boardLink(r) {
    var a = el("a", r.benchmark.name);
    a.href = benchmarksUrl + encodeURIComponent(r.benchmark.id) + "/#board-" + encodeURIComponent(boardSlug(r));
    return a;
  }

  // Objectives or datasets in groups that do not overlap: those every model has, those some (not all) have,
  // and each model's own. "Only CLIP" lists what no other chosen model has.
  function setGroups(models, key) {
    var owners = new Map(), names = new Map();
    models.forEach(function (m) {
      (m[key] || []).forEach(function (item) {
        if (!owners.has(item.id)) { owners.set(item.id, []); names.set(item.id, item.name); }
        if (owners.get(item.id).indexOf(m) < 0) owners.get(item.id).push(m);
      });
    });
    var all = [], some = [], only = models.map(function () { return []; });
    owners.forEach(function (holders, id) {
      if (holders.length === models.length) all.push(names.get(id));
      else if (holders.length > 1) {
        some.push(names.get(id) + " (" + holders.map(function (m) { return m.name; }).join(", ") + ")");
      } else only[models.indexOf(holders[0])].push(names.get(id));
    });
    var groups = [{ id: "all", label: models.length === 2 ? "Shared by both" : "Shared by all", items: all }];
    if (models.length > 2) groups.push({ id: "some", label: "Shared by some, not all", items: some });
    models.forEach(function (m, i) { groups.push({ id: "only:" + m.id, label: "Only " + m.name, items: only[i] }); });
    return groups;
  }

  function setComparison(models, key, title) {
    var section = document.createDocumentFragment();
    section.appendChild(el("h2", title));
    var list = el("dl", null, "mmptm-sets");
    list.setAttribute("data-sets", key);
    setGroups(models, key).forEach(function (group) {
      var term = el("dt", group.label);
      var items = el("dd", group.items.join("; ") || "none");
      term.setAttribute("data-group", group.id);
      items.setAttribute("data-group", group.id);
      list.appendChild(term);
      list.appendChild(items);
    });
    section.appendChild(list);
    return section;
  }

  function render() {
    writeChoice();
    result.textContent = "";
    var models = chosen.map(function (id) { return byId.get(id); });
    status.textContent = models.length < 2
      ? "Choose " + (2 - models.length) + " more model" + (models.length ? "" : "s") + " (up to " + MAX + ")."
      : "Comparing " + models.length + " models.";
    if (!models.length) return;

    var headers = ["Field"].concat(models.map(function (m) {
      var wrap = el("span");
      wrap.appendChild(modelLink(m));
      var remove = el("button", "✕", "mmptm-remove");
      remove.type = "button";
      remove.setAttribute("aria-label", "Remove " + m.name);
      remove.addEventListener("click", function () { chosen.splice(chosen.indexOf(m.id), 1); render(); });
      wrap.appendChild(document.createTextNode(" "));
      wrap.appendChild(remove);
      return wrap;
    }));
    result.appendChild(scrollBox(table(headers, FIELDS.map(function (f) {
      return [f[0]].concat(models.map(function (m) { return f[1](m); }));
    })), "The chosen models, field by field"));
    if (models.length < 2) return;

    result.appendChild(el("h2", "Shared benchmarks"));
    var shared = sharedBenchmarks(models);
    if (!shared.length) result.appendChild(el("p", "No benchmark on which two or more of these models have their authors' numbers under the same metric, split and protocol."));
    else {
      result.appendChild(el("p", "The authors' own numbers, compared only as the leaderboards compare them: same benchmark, metric, split, version, protocol and conditions. Each cell is the model's best variant there, named under the number; ★ marks the better number."));
      var header = ["Benchmark", "Metric · split", "Protocol"].concat(models.map(function (m) { return m.name; }));
      result.appendChild(scrollBox(table(header, shared.map(function (g) {
        var r = g.result, values = Array.from(g.best.values()).map(function (x) { return x.value; });
        var best = r.metric.direction === "lower" ? Math.min.apply(null, values) : Math.max.apply(null, values);
        return [boardLink(r), boardSetting(r), protocolName(r)].concat(models.map(function (m, i) {
          var mine = g.best.get(i);
          if (!mine) return "—";
          var cell = el("span");
          var number = el(mine.value === best ? "strong" : "span",
                          mine.value + (r.metric.unit ? " " + r.metric.unit : "") + (mine.value === best ? " ★" : ""));
          if (mine.value === best) number.title = "better";
          cell.appendChild(number);
          var count = g.variants.get(i).size;
          cell.appendChild(el("span", mine.variant.name + (count > 1 ? " (best of " + count + " variants)" : ""), "mmptm-variant"));
          return cell;
        }));
      })), "Benchmarks the chosen models share"));
    }
    result.appendChild(setComparison(models, "objectives", "Objectives"));
    result.appendChild(setComparison(models, "datasets", "Pre-training data"));
  }

  function start(catalog) {
    catalog.models.forEach(function (m) { byId.set(m.id, m); });
    catalog.models.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (m) {
      var option = el("option", m.name + " (" + m.year + ")");
      option.value = m.id;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      if (byId.has(select.value) && chosen.indexOf(select.value) < 0 && chosen.length < MAX) chosen.push(select.value);
      select.value = "";
      render();
    });
    document.getElementById("compare-clear").addEventListener("click", function () { chosen = []; render(); });
    form.hidden = false;
    chosen = readChoice();
    render();
  }

  fetch(root.getAttribute("data-catalog"))
    .then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    })
    .then(start, function (error) { status.textContent = "Could not load the catalogue data: " + error.message; });
})();
