// Evidence upload: files dragged onto the upload's box or chosen in it are sent one at a
// time, each with its own progress bar and result, so a refused file does not hold back the
// others. Without JavaScript the form sends every chosen file at once and the page answers
// as before.
(function () {
  var form = document.querySelector("[data-upload-form]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var input = form.querySelector('input[type="file"]');
  var list = form.querySelector("[data-upload-progress]");
  var token = form.querySelector('input[name="csrf_token"]');
  var button = form.querySelector('button[type="submit"]');

  // The form group is the box files are dropped on.
  var zone = input.closest(".govuk-form-group");
  var note = document.createElement("p");
  note.className = "govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0";
  note.textContent = "Or drag files onto this box.";
  input.insertAdjacentElement("afterend", note);
  zone.classList.add("casework-drop-zone");
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("casework-drop-zone--over");
  });
  zone.addEventListener("dragleave", function (event) {
    if (!zone.contains(event.relatedTarget)) {
      zone.classList.remove("casework-drop-zone--over");
    }
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("casework-drop-zone--over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      note.textContent = event.dataTransfer.files.length === 1 ? "1 file to upload."
        : event.dataTransfer.files.length + " files to upload.";
    }
  });

  function line(file, index) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    var bar = document.createElement("progress");
    var result = document.createElement("span");
    name.id = "upload-file-" + index;
    name.className = "govuk-body govuk-!-font-weight-bold";
    name.textContent = file.name;
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-labelledby", name.id);
    result.className = "govuk-body-s govuk-!-display-block";
    result.setAttribute("role", "status");
    result.textContent = "Waiting";
    item.append(name, bar, result);
    list.appendChild(item);
    return { bar: bar, result: result, item: item };
  }

  function messageOf(request) {
    try {
      var answer = JSON.parse(request.responseText);
      if (answer.error) {
        return answer.error.message;
      }
    } catch (notJson) {
      // Not the page's own answer: a proxy's or the server's limit on the size of a request.
    }
    return request.status === 413 ? "The file is too large" : "The file could not be uploaded";
  }

  function send(file, shown) {
    return new Promise(function (resolve) {
      var request = new XMLHttpRequest();
      var data = new FormData();
      data.append("csrf_token", token.value);
      data.append("files", file, file.name);
      request.open("POST", form.action);
      request.setRequestHeader("Accept", "application/json");
      request.upload.addEventListener("progress", function (event) {
        if (event.lengthComputable) {
          shown.bar.value = Math.round((event.loaded / event.total) * 100);
        }
      });
      request.addEventListener("load", function () {
        var uploaded = request.status === 201;
        shown.bar.value = uploaded ? 100 : shown.bar.value;
        shown.result.textContent = uploaded ? "Uploaded: it is being read now" : messageOf(request);
        if (!uploaded) {
          shown.item.classList.add("govuk-error-message");
        }
        resolve(uploaded);
      });
      request.addEventListener("error", function () {
        shown.result.textContent = "The upload stopped: check the connection and try again";
        shown.item.classList.add("govuk-error-message");
        resolve(false);
      });
      shown.result.textContent = "Uploading";
      request.send(data);
    });
  }

  // The summary of the case's files polls by itself while any is being read.
  function refreshSummary() {
    var summary = document.getElementById("evidence-summary");
    if (summary && window.htmx && form.dataset.summaryUrl) {
      window.htmx.ajax("GET", form.dataset.summaryUrl, { target: summary, swap: "outerHTML" });
    }
  }

  form.addEventListener("submit", function (event) {
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) {
      return; // the page says what is missing, with its error summary
    }
    event.preventDefault();
    list.replaceChildren();
    list.hidden = false;
    button.disabled = true;
    var shown = files.map(line);
    files.reduce(function (previous, file, index) {
      return previous.then(function () { return send(file, shown[index]); });
    }, Promise.resolve()).then(function () {
      button.disabled = false;
      input.value = "";
      note.textContent = "Or drag files onto this box.";
      refreshSummary();
    });
  });
})();
