/**
 * The report's only script: the filters (status, level, section, tag, text; a group with no
 * case shown is hidden) and the copy buttons of the curl commands. Every case is in the page
 * without it; the controls are hidden until this runs. A page without cases (a bench
 * report) has no filters.
 */
export const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  // a page without cases (a bench report) has no filters: only the copy buttons below
  if (form) filters(form);
  function filters(form) {
  form.hidden = false;
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var groups = Array.prototype.slice.call(document.querySelectorAll('section.section-group, section.suite'));
  var shown = document.getElementById('shown');
  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]:checked')).map(function (i) { return i.value; });
  }
  function apply() {
    var statuses = checked('status'), levels = checked('level');
    var section = form.querySelector('select[name="section"]').value;
    var tag = form.querySelector('select[name="tag"]').value;
    var text = form.querySelector('input[name="text"]').value.trim().toLowerCase();
    var n = 0;
    cases.forEach(function (el) {
      var ok = statuses.indexOf(el.dataset.status) >= 0 && levels.indexOf(el.dataset.level) >= 0 &&
        (!section || el.dataset.section === section) &&
        (!tag || el.dataset.tags.split(' ').indexOf(tag) >= 0) && (!text || el.dataset.text.indexOf(text) >= 0);
      el.classList.toggle('hidden', !ok);
      if (ok) n++;
    });
    groups.forEach(function (g) {
      g.classList.toggle('hidden', !g.querySelector('details.case:not(.hidden)'));
    });
    shown.textContent = 'showing ' + n + ' of ' + cases.length;
  }
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  apply();
  }
  Array.prototype.slice.call(document.querySelectorAll('button.copy')).forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () {
      var pre = b.nextElementSibling;
      function select() {
        var range = document.createRange();
        range.selectNodeContents(pre);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        b.textContent = 'selected: press Ctrl+C';
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(pre.textContent).then(function () { b.textContent = 'copied'; }, select);
      } else select();
    });
  });
})();
`;
