// Tenant form: show only the identifier the chosen kind needs (both stay in the page, so nothing breaks without
// JavaScript).
(function () {
  "use strict";
  var radios = document.querySelectorAll('input[name="kind"]');
  function sync() {
    var kind = (document.querySelector('input[name="kind"]:checked') || {}).value;
    document.querySelectorAll(".identifier-company").forEach(function (el) {
      el.closest(".col-md-6").hidden = kind === "person";
    });
    document.querySelectorAll(".identifier-person").forEach(function (el) {
      el.closest(".col-md-6").hidden = kind === "company";
    });
  }
  radios.forEach(function (r) { r.addEventListener("change", sync); });
  sync();
})();
