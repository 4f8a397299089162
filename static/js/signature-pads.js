// Signatures drawn on screen (signature_pad), for any form: each <canvas data-signature="ID"> draws into the
// hidden input ID as a PNG data URL when the form is sent; a button with data-clear="ID" wipes it. A picture
// the server sent back (a form shown again with an error) is drawn again on its canvas.
(function () {
  "use strict";
  var pads = {};

  function fit(canvas, pad) {
    var ratio = Math.max(window.devicePixelRatio || 1, 1);
    var data = pad.isEmpty() ? null : pad.toData();
    canvas.width = canvas.offsetWidth * ratio;
    canvas.height = canvas.offsetHeight * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad.clear();
    if (data) pad.fromData(data);
  }

  document.querySelectorAll("canvas[data-signature]").forEach(function (canvas) {
    var id = canvas.dataset.signature;
    var input = document.getElementById(id);
    var pad = new SignaturePad(canvas, { penColor: "#111", minWidth: 0.8, maxWidth: 2.6 });
    pads[id] = pad;
    fit(canvas, pad);
    if (input && input.value.indexOf("data:image/png") === 0) {
      pad.fromDataURL(input.value, { ratio: 1, width: canvas.offsetWidth, height: canvas.offsetHeight });
    }
    window.addEventListener("resize", function () { fit(canvas, pad); });
    var form = canvas.closest("form");
    if (form && input) {
      form.addEventListener("submit", function () {
        if (!pad.isEmpty()) input.value = pad.toDataURL("image/png");
        else if (input.value.indexOf("data:image/png") !== 0) input.value = "";
      });
    }
  });

  document.querySelectorAll("[data-clear]").forEach(function (button) {
    button.addEventListener("click", function () {
      var pad = pads[button.dataset.clear];
      if (pad) pad.clear();
      var input = document.getElementById(button.dataset.clear);
      if (input) input.value = "";
    });
  });

  // Show the canvases only while the chosen method is "drawn on screen" (a select with data-signature-method).
  document.querySelectorAll("select[data-signature-method]").forEach(function (select) {
    var panel = document.getElementById(select.dataset.signatureMethod);
    function toggle() {
      if (!panel) return;
      var drawn = select.value === "on_screen";
      panel.hidden = !drawn;
      if (drawn) Object.keys(pads).forEach(function (id) { fit(pads[id].canvas, pads[id]); });
    }
    select.addEventListener("change", toggle);
    toggle();
  });
})();
