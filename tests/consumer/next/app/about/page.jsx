import { Status } from '../consent.jsx';

export default function About() {
  return (
    <section>
      <h1>About</h1>
      <Status />
    </section>
  );
}
