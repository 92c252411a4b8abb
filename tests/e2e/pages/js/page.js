// The page's own behaviour: it must keep working whatever consentry does.
(function () {
  'use strict';
  window.pageClicks = 0;
  var button = document.getElementById('page-btn');
  if (button) {
    button.addEventListener('click', function () {
      window.pageClicks++;
      document.getElementById('page-out').textContent = 'clicked ' + window.pageClicks;
    });
  }
})();
