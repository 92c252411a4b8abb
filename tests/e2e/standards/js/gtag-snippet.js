// The standard Google tag snippet (what Google gives a site for G-TEST), as an external file.
window.dataLayer = window.dataLayer || [];
function gtag(){dataLayer.push(arguments);}
gtag('js', new Date());

gtag('config', 'G-TEST');
