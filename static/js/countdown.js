// Each running deadline (.countdown[data-due]) counts down every second; past its due time it says by how much
// it is overdue. The words come from #countdown-words (data-d, -h, -m, -s, -left, -overdue), translated.
(function () {
  "use strict";
  var words = document.getElementById("countdown-words");
  if (!words) { return; }
  var w = words.dataset;
  function format(ms) {
    var s = Math.floor(Math.abs(ms) / 1000), d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600);
    var m = Math.floor(s % 3600 / 60), parts = [];
    if (d) { parts.push(d + w.d); }
    if (d || h) { parts.push(h + w.h); }
    parts.push(m + w.m);
    if (!d) { parts.push(s % 60 + w.s); }
    return parts.join(" ");
  }
  function tick() {
    document.querySelectorAll(".countdown[data-due]").forEach(function (el) {
      var left = new Date(el.dataset.due) - new Date();
      el.textContent = (left >= 0 ? w.left : w.overdue).replace("%(time)s", format(left));
      if (left < 0) {
        el.classList.remove("text-bg-light", "text-bg-warning", "border");
        el.classList.add("text-bg-danger");
      }
    });
  }
  tick();
  setInterval(tick, 1000);
})();
