// Loaded before consentry.js. With `nowasm` in the page's query the page has no WebAssembly,
// as in Safari's Lockdown Mode or a browser too old for it (README "Supported browsers").
if (new URLSearchParams(location.search).has('nowasm')) delete window.WebAssembly;
