/** The way back from a page about one person (allocate, close, risk…) to their record, at the foot of the page. */
export function BackToRecord({ personId }: { personId: string }) {
  return (
    <p>
      <a href={`/staff/people/${personId}`}>Back to the record</a>
    </p>
  );
}
