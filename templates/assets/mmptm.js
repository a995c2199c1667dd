/* Small behaviours of every page, each a no-op where its markup is absent:
   - copy buttons: <button data-copy="ID"> copies the text of the element with that id;
   - charts: tapping or clicking on or near a mark shows its label under the chart (hover does not exist
     on touch screens);
   - scroll boxes (.mmptm-scroll) that overflow become keyboard-focusable, so they can be scrolled without
     a pointer;
   - <details data-open-wide> is open on wide screens and folded on phones (unless the address sets one of
     its fields);
   - the home page marks what changed since the reader's last visit (remembered in this browser only);
   - the 404 page offers the last part of the missing address as a catalogue search.
   Record text is only ever set with textContent, never parsed as markup. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = document.execCommand("copy");
      area.remove();
      if (done) resolve(); else reject(new Error("copy failed"));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var label = button.textContent;
    copyText(source.textContent).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Select and copy by hand";
    }).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });

  // --- charts: the label of the mark nearest a tap, within a finger's width ---
  var REACH = 24; // CSS pixels around a mark that still count as tapping it

  function nearestMark(svg, x, y) {
    var best = null, bestDistance = REACH * REACH;
    var marks = svg.querySelectorAll(".mmptm-mark");
    for (var i = 0; i < marks.length; i++) {
      var box = marks[i].getBoundingClientRect();
      var dx = Math.max(box.left - x, 0, x - box.right);
      var dy = Math.max(box.top - y, 0, y - box.bottom);
      var distance = dx * dx + dy * dy;
      if (distance <= bestDistance) { best = marks[i]; bestDistance = distance; }
    }
    return best;
  }

  document.addEventListener("click", function (event) {
    var svg = event.target.closest ? event.target.closest("svg.mmptm-chart") : null;
    if (!svg) return;
    var figure = svg.closest("figure");
    var output = figure && figure.querySelector(".mmptm-chart-label");
    if (!output) return;
    var mark = nearestMark(svg, event.clientX, event.clientY);
    var active = svg.querySelector(".mmptm-mark--active");
    if (active) active.classList.remove("mmptm-mark--active");
    if (!mark) { output.hidden = true; return; }
    var title = mark.querySelector(":scope > title");
    mark.classList.add("mmptm-mark--active");
    output.textContent = title ? title.textContent : "";
    output.hidden = false;
  });

  // --- scroll boxes: focusable only while they have something to scroll ---
  function updateScrollBoxes() {
    var boxes = document.querySelectorAll(".mmptm-scroll");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    }
  }

  // --- disclosures open on wide screens, folded on phones ---
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60em)") : null;

  function inAddress(details) {
    // a filter set by the page's address stays in sight
    var params = new URLSearchParams(window.location.search);
    var fields = details.querySelectorAll("[name]");
    for (var i = 0; i < fields.length; i++) if (params.get(fields[i].getAttribute("name"))) return true;
    return false;
  }

  function updateDisclosures() {
    var folded = document.querySelectorAll("details[data-open-wide]");
    for (var i = 0; i < folded.length; i++) folded[i].open = !wide || wide.matches || inAddress(folded[i]);
  }

  // --- home: what changed since the last visit ---
  var LAST_SEEN = "mmptm-last-seen-change";

  function markChangesSinceLastVisit() {
    var list = document.getElementById("mmptm-changes");
    var note = document.getElementById("mmptm-since");
    if (!list || !note) return;
    var items = list.querySelectorAll("li[data-day]");
    if (!items.length) return;
    var newest = items[0].getAttribute("data-day");
    var seen = null;
    try { seen = window.localStorage.getItem(LAST_SEEN); } catch (error) { return; }
    if (seen && /^\d{4}-\d{2}-\d{2}$/.test(seen)) {
      var fresh = 0;
      for (var i = 0; i < items.length; i++) {
        if (items[i].getAttribute("data-day") > seen) {
          items[i].classList.add("mmptm-new");
          fresh += 1;
        }
      }
      note.textContent = fresh === 0
        ? "Nothing has changed since your last visit."
        : (fresh === items.length ? "At least " : "") + fresh + (fresh === 1 ? " change" : " changes") +
          " since your last visit (marked new).";
    } else {
      note.textContent = "This browser will remember this visit, to mark what is new next time.";
    }
    note.hidden = false;
    try { window.localStorage.setItem(LAST_SEEN, newest); } catch (error) { /* private mode: nothing kept */ }
  }

  // --- 404: the missing address's last part as a catalogue search ---
  function suggestSearch() {
    var input = document.getElementById("mmptm-404-q");
    if (!input || input.value) return;
    var parts = window.location.pathname.split("/").filter(Boolean);
    var last = parts.length ? parts[parts.length - 1].replace(/\.html?$/, "") : "";
    try { last = decodeURIComponent(last); } catch (error) { return; }
    if (last && last !== "404") input.value = last.replace(/[-_]+/g, " ").slice(0, 100);
  }

  function start() {
    updateScrollBoxes();
    updateDisclosures();
    markChangesSinceLastVisit();
    suggestSearch();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("resize", updateScrollBoxes);
  if (wide && wide.addEventListener) wide.addEventListener("change", updateDisclosures);
  // disclosures and folded tables change what overflows
  document.addEventListener("toggle", updateScrollBoxes, true);
})();
