// Buttons marked data-print open the browser's print dialog (page scripts live in static files: CSP).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
