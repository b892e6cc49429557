// lapor-bridge console: a little progressive JavaScript. Every page works without it.
/* global window, document */
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // A template chosen in a follow-up form fills its text area (the server also accepts the template id).
    document.querySelectorAll('select[data-template-target]').forEach(function (sel) {
      sel.addEventListener('change', function () {
        var opt = sel.options[sel.selectedIndex];
        var target = document.getElementById(sel.getAttribute('data-template-target'));
        if (target && opt && opt.getAttribute('data-body') !== null)
          target.value = opt.getAttribute('data-body');
      });
    });
    // Forms that need a second thought (reject, disable a user) ask first.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
      });
    });
    document.body.setAttribute('data-state', 'ready');
  });
})();
