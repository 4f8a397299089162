// Buttons marked data-once disable themselves on the first submit of their form: a double click sends one request.
(function () {
  "use strict";
  document.querySelectorAll("form").forEach(function (form) {
    if (form.dataset.onceBound || !form.querySelector("[data-once]")) { return; }
    form.dataset.onceBound = "1";
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      // Disabled after this tick, so the pressed button's name is still sent.
      setTimeout(function () {
        form.querySelectorAll("[data-once]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
})();
