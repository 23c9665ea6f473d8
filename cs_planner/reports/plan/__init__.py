"""The account plan's sheets of the plan itself: Action Plan, Risks and Renewals."""
