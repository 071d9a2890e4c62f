// "Cite this": when text is selected inside one page of the evidence viewer, that page's
// "Cite this page" link carries the selection as the quote. Without JavaScript the link still
// cites the page, and the quote can be typed on the next screen.
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
    document.querySelectorAll("[data-cite-link]").forEach(function (link) {
      var selected = text && link.getAttribute("data-cite-link") === (page && page.getAttribute("data-cite-page"));
      var url = new URL(link.getAttribute("data-href"), window.location.href);
      if (selected) {
        url.searchParams.set("quote", text.slice(0, 2000));
      }
      link.href = url.toString();
      link.querySelector("[data-cite-label]").textContent = selected ? "Cite the selected text" : "Cite this page";
    });
  }

  document.addEventListener("selectionchange", update);
  update();
})();
