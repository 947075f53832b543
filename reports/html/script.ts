/**
 * The report's only script: the filters. Every case is in the page without it; the
 * filter controls are hidden until this runs.
 */
export const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  form.hidden = false;
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var shown = document.getElementById('shown');
  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
  }
  function apply() {
    var statuses = checked('status'), levels = checked('level');
    var tag = form.querySelector('select[name="tag"]').value;
    var text = form.querySelector('input[name="text"]').value.trim().toLowerCase();
    var n = 0;
    cases.forEach(function (el) {
      var ok = statuses.indexOf(el.dataset.status) >= 0 && levels.indexOf(el.dataset.level) >= 0 &&
        (!tag || el.dataset.tags.split(' ').indexOf(tag) >= 0) && (!text || el.dataset.text.indexOf(text) >= 0);
      el.classList.toggle('hidden', !ok);
      if (ok) n++;
    });
    shown.textContent = 'showing ' + n + ' of ' + cases.length;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  apply();
})();
`;
