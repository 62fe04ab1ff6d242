// Progressive enhancement: fills the search box's <datalist> with titles and glossary terms as people type.
// The search form works the same without it.
(function () {
  var input = document.querySelector("[data-autocomplete-url]");
  var list = input && document.getElementById(input.getAttribute("list"));
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value.trim();
      if (query.length < 2 || query === last) return;
      last = query;
      fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren();
          data.suggestions.forEach(function (suggestion) {
            var option = document.createElement("option");
            option.value = suggestion.label;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
