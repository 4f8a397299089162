// Links marked data-history-back go back one page (a Cancel that returns to wherever the form was opened from).
(function () {
  "use strict";
  document.querySelectorAll("[data-history-back]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      history.back();
    });
  });
})();
