import { ResultLookup } from '../../lookup/ResultLookup';

/** "Check my result": hosts the result look-up from renderer/lookup/. */
export function LookupScreen(props: { onBack: () => void }) {
  return (
    <section className="screen-lookup" data-screen="lookup">
      <ResultLookup onDone={props.onBack} />
    </section>
  );
}
