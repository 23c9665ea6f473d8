"""The plan a manager signs off: the customer's objectives, the action plan, the risk
register (with the risks the app proposes from its own findings), renewals as records,
evangelism per champion, and our team on the account."""
