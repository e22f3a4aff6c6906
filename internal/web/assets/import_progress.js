// import_progress.js: the page of a zip of reports being read on the
// server (/admin/reports/import/{id}). It polls the import's progress
// (JSON: read, total, file, text, done) and moves the bar; when the import
// is done it loads the page again, which then shows the result. Without
// JavaScript the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box || !window.fetch) {
    return;
  }
  var bar = document.getElementById("import-job-bar");
  var text = document.getElementById("import-job-text");
  var file = document.getElementById("import-job-file");
  var url = box.getAttribute("data-progress");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (res) {
        if (!res.ok) {
          throw new Error("status " + res.status);
        }
        return res.json();
      })
      .then(function (p) {
        if (p.done) {
          window.location.reload();
          return;
        }
        if (p.total > 0) {
          bar.max = p.total;
          bar.value = p.read;
        }
        text.textContent = p.text;
        file.textContent = p.file;
        window.setTimeout(poll, 500);
      })
      .catch(function () {
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 300);
})();
