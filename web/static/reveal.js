// Questions revealed under a radio once it is chosen (the GOV.UK conditional reveal), named by
// the radio's data-reveals. GOV.UK Frontend's own reveal (data-aria-controls) also marks each
// radio aria-expanded, which a radio may not carry, so the page shows and hides them itself;
// the questions come straight after their radio. Without JavaScript every question shows.
(function () {
  function sync(form, name) {
    form.querySelectorAll('input[type="radio"][data-reveals]').forEach(function (radio) {
      var questions = document.getElementById(radio.getAttribute("data-reveals"));
      if (questions && (!name || radio.name === name)) {
        questions.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
      }
    });
  }

  document.addEventListener("change", function (event) {
    var radio = event.target;
    if (radio.type === "radio" && radio.form) {
      sync(radio.form, radio.name);
    }
  });
  // A page brought back by the browser's Back button keeps what was chosen on it.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form").forEach(function (form) { sync(form); });
  });
})();
