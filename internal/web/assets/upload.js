// upload.js: the zip upload of reports (/admin/reports/import) with a
// progress bar. Without JavaScript the form posts as it is and the result
// page follows; with it the same POST goes through XMLHttpRequest, whose
// upload events move the bar. The server answers an accepted upload with a
// redirect to the page of its reading (import_progress.js takes over
// there); a refused one with the form again, which replaces this page.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.FormData || !window.XMLHttpRequest || !window.DOMParser) {
    return;
  }
  var box = document.getElementById("import-progress-box");
  var bar = document.getElementById("import-progress");
  var status = document.getElementById("import-status");
  var send = document.getElementById("import-send");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    box.hidden = false;
    send.disabled = true;
    bar.max = 100;
    bar.value = 0;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var pct = Math.floor((e.loaded / e.total) * 100);
        bar.value = pct;
        status.textContent = pct + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      bar.removeAttribute("value"); // indeterminate while the server reads the reports
      status.textContent = form.getAttribute("data-processing");
    });
    xhr.addEventListener("load", function () {
      if (xhr.responseURL && xhr.responseURL.indexOf("/admin/reports/import/") >= 0) {
        window.location.assign(xhr.responseURL); // the reading's progress, then the result
        return;
      }
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      // A parsed script does not run: load this one again for the new form.
      var again = document.querySelector('script[src*="upload.js"]');
      if (again) {
        var s = document.createElement("script");
        s.src = again.src;
        document.body.appendChild(s);
      }
    });
    xhr.addEventListener("error", function () {
      send.disabled = false;
      status.textContent = form.getAttribute("data-failed");
    });
    xhr.send(new FormData(form));
  });
})();
