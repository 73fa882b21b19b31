/** The way back from a page about one person (allocate, close, risk…) to their record, at the foot of the page. */
export function BackToRecord({ personId }: { personId: string }) {
  return (
    <p>
      <a href={`/staff/people/${personId}`}>Back to the record</a>
    </p>
  );
}

/** The way back from a staff page that is not about one person's record (a family, a new family) to the staff overview, at the foot of the page. */
export function BackToOverview() {
  return (
    <p>
      <a href="/staff">Back to overview</a>
    </p>
  );
}
