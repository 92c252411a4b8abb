// v3's getting-started pattern: a module that imports the UMD/script build, then runs.
import '/assets/vendor/consentry.js';
import './v3-config.js';
import './v3-boot.js';
