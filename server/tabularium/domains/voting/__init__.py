"""Online voting: elections, the guardians' key ceremony, credentials, ballots, the tally."""

NAMESPACE = "voting"
