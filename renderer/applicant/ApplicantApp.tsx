// Placeholder replaced by the applicant journey.
export function ApplicantApp(props: { onManagerRequest: () => void }) {
  return <main onDoubleClick={props.onManagerRequest}>…</main>;
}
