window.ran.push('external-same-origin');
