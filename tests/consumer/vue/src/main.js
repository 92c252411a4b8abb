// The README's Vue recipe: the stylesheet imported once; run() once, after the app is
// mounted (its first render's held markup is in the page by then).
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import * as CookieConsent from 'consentry';
import 'consentry/consentry.css';
import { consentConfig } from '../../consent-config.js';
import App from './App.vue';
import Home from './Home.vue';
import About from './About.vue';

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/about', component: About },
  ],
});

createApp(App).use(router).mount('#app');
router.isReady().then(() => {
  // The first route is rendered: start consentry.
  const started = CookieConsent.run(consentConfig('Vue consumer'));
  window.ccRuns = [started]; // for the test
  started.then(
    () => (window.ccRun = 'resolved'),
    (error) => ((window.ccRun = 'rejected'), (window.ccError = String(error))),
  );
});
