// A select with data-reload="FIELD" submits its form on change, clearing FIELD first (the unit list: choosing
// another building reloads the list so that the floor choices are that building's floors).
(function () {
  "use strict";
  document.querySelectorAll("[data-reload]").forEach(function (select) {
    select.addEventListener("change", function () {
      var target = select.form.elements[select.dataset.reload];
      if (target) { target.value = ""; }
      select.form.requestSubmit();
    });
  });
})();
