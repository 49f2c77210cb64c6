// The chart builder: turns the form into a chart URL as you type, shows the image and the
// URL, and reports the machine-readable error header when plotgate rejects the URL.
(function () {
  "use strict";
  var form = document.getElementById("form");
  var preview = document.getElementById("preview");
  var link = document.getElementById("url");
  var status = document.getElementById("status");
  var defaults = { type: "line", theme: "light", legend: "auto" };

  function chartURL() {
    var parts = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "checkbox") { if (el.checked) parts.push(el.name + "=1"); return; }
      var v = el.value.trim();
      if (v === "" || defaults[el.name] === v) return;
      // "|" and "," stay readable; everything else is percent-encoded.
      parts.push(el.name + "=" + encodeURIComponent(v).replace(/%7C/g, "|").replace(/%2C/g, ","));
    });
    return "/chart.png?" + parts.join("&");
  }

  var timer = null;
  function update() {
    var url = chartURL();
    link.textContent = location.origin + url;
    link.href = url;
    preview.src = url;
    // Ask for the headers only, to show the error code next to the error image.
    fetch(url, { method: "HEAD" }).then(function (r) {
      var code = r.headers.get("X-Plotgate-Error");
      status.textContent = r.ok ? "" : "HTTP " + r.status + (code ? " — " + code : "");
    }).catch(function () { status.textContent = "plotgate is not reachable"; });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(update, 150); });
  form.addEventListener("change", update);
  document.getElementById("copy").addEventListener("click", function () {
    if (navigator.clipboard) navigator.clipboard.writeText(link.textContent);
  });
  update();
})();
