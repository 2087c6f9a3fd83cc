/** How many are here and how many ideas there are, in place of a list of names (a hall may hold 200). */
export function RoomCounts({ people, ideas }: { people: number; ideas: number }) {
  return (
    <dl className="room-counts" data-testid="room-counts">
      <div className="room-counts__item">
        <dt className="room-counts__label">{people === 1 ? 'Person here' : 'People here'}</dt>
        <dd className="room-counts__value" data-testid="room-people-count">
          {people}
        </dd>
      </div>
      <div className="room-counts__item">
        <dt className="room-counts__label">{ideas === 1 ? 'Idea' : 'Ideas'}</dt>
        <dd className="room-counts__value" data-testid="room-idea-count">
          {ideas}
        </dd>
      </div>
    </dl>
  );
}
