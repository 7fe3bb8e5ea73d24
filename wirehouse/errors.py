"""Errors a run reports to its operator in one line."""


class PipelineError(RuntimeError):
    """A run could not complete; the message says why in one line."""


class AllFeedsFailedError(PipelineError):
    """Every feed due in the run failed: nothing new could be read."""


class DataQualityError(PipelineError):
    """One or more warehouse invariants broke; the message names each one with a count."""
