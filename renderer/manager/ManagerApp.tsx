// Placeholder replaced by the manager console.
export function ManagerApp(props: { onExit: () => void }) {
  return <main onDoubleClick={props.onExit}>…</main>;
}
