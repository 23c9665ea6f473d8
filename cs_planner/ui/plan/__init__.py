"""The account's Plan tab: objectives and the action plan, risks, renewals, evangelism and
our team on the account."""
