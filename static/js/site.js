/* Progressive enhancement only: every page works without this file.
   - Elements with data-copy get a "复制地址" button (feed addresses).
   - The search page's 筛选 disclosure and unused list filters start folded on narrow screens. */
(function () {
  "use strict";

  function addCopyButton(element) {
    var text = element.getAttribute("data-copy") || element.value;
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "复制地址";
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = "已复制"; },
        function () { status.textContent = "复制失败，请长按地址手动复制"; }
      );
    });
    element.insertAdjacentElement("afterend", status);
    element.insertAdjacentElement("afterend", button);
  }

  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("[data-copy]").forEach(addCopyButton);
  }
  if (window.matchMedia("(max-width: 48rem)").matches) {
    document.querySelectorAll("details.facets, details[data-fold-narrow]").forEach(function (panel) {
      panel.open = false;
    });
  }
})();
