// The README's Vue composable: whether a category is accepted now, updated on every consent
// change; the listeners go when the component unmounts.
import { onMounted, onUnmounted, ref } from 'vue';
import { acceptedCategory } from 'consentry';

export function useAcceptedCategory(name) {
  const accepted = ref(false); // as on the server; read after mounting
  const update = () => (accepted.value = acceptedCategory(name));
  onMounted(() => {
    update();
    window.addEventListener('cc:onConsent', update); // first choice, and a returning visit
    window.addEventListener('cc:onChange', update); // a changed choice
  });
  onUnmounted(() => {
    window.removeEventListener('cc:onConsent', update);
    window.removeEventListener('cc:onChange', update);
  });
  return accepted;
}
