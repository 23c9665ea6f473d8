"""Why a portfolio could not be opened, in words a user can act on."""


class PortfolioError(Exception):
    """A portfolio file cannot be opened or written; the file was left as it was."""


class NotAPortfolioError(PortfolioError):
    pass


class NewerVersionError(PortfolioError):
    pass


class PortfolioLockedError(PortfolioError):
    pass


class ReadOnlyError(PortfolioError):
    pass
