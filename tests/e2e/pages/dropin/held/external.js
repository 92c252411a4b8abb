window.ran.push('external.js');
