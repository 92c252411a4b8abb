// The Trusted Types page's own code (hostile/tt.html): compliant, with its policy `page`. It
// writes HTML through innerHTML, insertAdjacentHTML and outerHTML with TrustedHTML values, one
// of them carrying a tracker pixel that auto-blocking must hold. Errors go to window.ttErrors.
(function () {
  'use strict';
  window.ttErrors = [];
  var policy = window.trustedTypes.createPolicy('page', {
    createHTML: function (s) {
      return s;
    },
  });
  function attempt(name, fn) {
    try {
      fn();
    } catch (e) {
      window.ttErrors.push(name + ': ' + e.message);
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.getElementById('tt-box');
    attempt('innerHTML', function () {
      box.innerHTML = policy.createHTML('<b id="tt-inner">inner</b> <span id="tt-outer">x</span>');
    });
    attempt('insertAdjacentHTML', function () {
      box.insertAdjacentHTML('beforeend', policy.createHTML(' <i id="tt-adjacent">adjacent</i>'));
    });
    attempt('outerHTML', function () {
      document.getElementById('tt-outer').outerHTML = policy.createHTML('<em id="tt-outer-new">outer</em>');
    });
    attempt('a held pixel', function () {
      box.insertAdjacentHTML('beforeend', policy.createHTML('<img id="tt-pixel" alt="" width="1" height="1" src="https://tracker.example/tt.gif">'));
    });
  });
})();
