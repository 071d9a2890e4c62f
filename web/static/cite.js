// "Cite this": when text is selected inside one page of the evidence viewer, that page's
// "Cite this page" button sends the selection as the quote (by POST: quotes from the evidence
// stay out of addresses and logs). Without JavaScript the button still cites the page, and
// the quote can be typed on the next screen.
(function () {
  function pageOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element ? element.closest("[data-cite-page]") : null;
  }

  function update() {
    var selection = window.getSelection();
    var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    var page = selection && selection.rangeCount ? pageOf(selection.anchorNode) : null;
    if (page && pageOf(selection.focusNode) !== page) {
      page = null; // a selection across two pages cannot be one citation
    }
    var chosen = text && page ? page.getAttribute("data-cite-page") : null;
    document.querySelectorAll("[data-cite-form]").forEach(function (form) {
      var selected = form.getAttribute("data-cite-form") === chosen;
      form.querySelector("[data-cite-quote]").value = selected ? text.slice(0, 2000) : "";
      form.querySelector("[data-cite-label]").textContent =
        selected ? "Cite the selected text" : "Cite this page";
    });
  }

  // After the reader selects (by mouse or keyboard), not on every selection change: pressing
  // the button may collapse the selection, and the quote must survive that.
  function afterSelecting(event) {
    if (!event.target.closest || !event.target.closest("[data-cite-form]")) {
      update();
    }
  }

  document.addEventListener("mouseup", afterSelecting);
  document.addEventListener("keyup", afterSelecting);
  update();
})();
