window.ran.push('module:' + typeof import.meta.url);
