/* The map's month slider and date input kept in step. Without this script the form still works:
   the server tells a moved slider from an untouched one by the hidden `from_month` field. */
(function () {
  "use strict";

  function monthDate(slider, index) {
    var first = slider.dataset.firstMonth.split("-");
    var year = Number(first[0]);
    var month = Number(first[1]) - 1 + index;
    var day = new Date(Date.UTC(year + Math.floor(month / 12), month % 12, 1));
    if (index === 0 && slider.dataset.opened) {
      return slider.dataset.opened;
    }
    return day.toISOString().slice(0, 10);
  }

  function monthIndex(slider, iso) {
    var first = slider.dataset.firstMonth.split("-");
    var parts = iso.split("-");
    return (Number(parts[0]) - Number(first[0])) * 12 + Number(parts[1]) - Number(first[1]);
  }

  function monthLabel(iso) {
    var parts = iso.split("-");
    var day = new Date(Date.UTC(Number(parts[0]), Number(parts[1]) - 1, 1));
    var language = document.documentElement.lang || "en";
    return new Intl.DateTimeFormat(language, { month: "long", year: "numeric", timeZone: "UTC" }).format(day);
  }

  function fromMonthField(form) {
    return document.querySelector('input[name="from_month"][form="' + form.id + '"]');
  }

  function setUp() {
    var form = document.getElementById("map-form");
    if (!form) {
      return;
    }
    var slider = form.querySelector('input[type="range"][name="month"]');
    var dateInput = form.querySelector('input[type="date"][name="as_of"]');
    var output = form.querySelector("output");
    if (!slider || !dateInput) {
      return;
    }

    function show(iso) {
      var label = monthLabel(iso);
      slider.setAttribute("aria-valuetext", label);
      if (output) {
        output.textContent = label;
      }
    }

    slider.addEventListener("input", function () {
      var iso = monthDate(slider, Number(slider.value));
      dateInput.value = iso;
      var hidden = fromMonthField(form);
      if (hidden) {
        hidden.value = slider.value;
      }
      show(iso);
    });

    dateInput.addEventListener("input", function () {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dateInput.value)) {
        return;
      }
      var index = Math.max(0, Math.min(Number(slider.max), monthIndex(slider, dateInput.value)));
      slider.value = String(index);
      var hidden = fromMonthField(form);
      if (hidden) {
        hidden.value = String(index);
      }
      show(dateInput.value);
    });

    // After htmx swaps the results, the hidden field is new: keep it equal to the slider.
    document.body.addEventListener("htmx:afterSwap", function () {
      var hidden = fromMonthField(form);
      if (hidden) {
        slider.value = hidden.value;
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
