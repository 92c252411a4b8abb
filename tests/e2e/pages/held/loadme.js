window.ran = (window.ran || []).concat('loaded-by-loadScript'); window.loadScriptAttr = document.currentScript && document.currentScript.getAttribute('data-x');
