// Sheet page: drawn signatures (signature_pad) kept in hidden inputs, and adding formset rows.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  if (!form) return;
  var pads = {};
  // A signature posted with a page that came back with errors: redrawn on load and after every resize
  // (a tablet's keyboard resizes the page), until it is cleared.
  var posted = {};

  function redraw(id, canvas, pad) {
    if (posted[id]) {
      pad.fromDataURL(posted[id], { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
    }
  }

  function fit(id, canvas, pad) {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var strokes = pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    redraw(id, canvas, pad);
    if (strokes.length) pad.fromData(strokes, { clear: false });
  }

  document.querySelectorAll("canvas[data-signature]").forEach(function (canvas) {
    var id = canvas.dataset.signature;
    var input = document.getElementById(id);
    var pad = new SignaturePad(canvas, { penColor: "#111", minWidth: 0.8, maxWidth: 2.6 });
    pads[id] = pad;
    if (input && input.value.indexOf("data:image/png") === 0) posted[id] = input.value;
    fit(id, canvas, pad);
    window.addEventListener("resize", function () { fit(id, canvas, pad); });
  });

  document.querySelectorAll("[data-clear]").forEach(function (button) {
    button.addEventListener("click", function () {
      var pad = pads[button.dataset.clear];
      delete posted[button.dataset.clear];
      if (pad) pad.clear();
      var input = document.getElementById(button.dataset.clear);
      if (input) input.value = "";
    });
  });

  form.addEventListener("submit", function () {
    Object.keys(pads).forEach(function (id) {
      var input = document.getElementById(id);
      if (input) input.value = pads[id].isEmpty() ? "" : pads[id].toDataURL("image/png");
    });
  });

  var add = document.querySelector("[data-add-row]");
  var template = document.getElementById("empty-row");
  if (add && template) {
    add.addEventListener("click", function () {
      var total = form.querySelector("input[name$='-TOTAL_FORMS']");
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      document.querySelector("#sheet-rows tbody").insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
    });
  }
})();
