window.ran = (window.ran || []).concat('ext-module:' + typeof import.meta.url);
