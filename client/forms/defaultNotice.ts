/** The fair-engagement notice a new board starts with. Officers can change it before anyone joins. */
export const DEFAULT_FAIR_ENGAGEMENT_NOTICE =
  "Everything you post here may be published in the open as part of the council's market-engagement record, " +
  'with your name and organisation. Ideas you mark as confidential are seen only by council officers. ' +
  'Council officers can read everything you write on this board. Taking part does not give any supplier an ' +
  'advantage in a future procurement, and the same information is shared with every supplier.';
