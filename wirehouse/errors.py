"""Errors a run reports to its operator in one line."""


class PipelineError(RuntimeError):
    """A run could not complete; the message says why in one line."""


class AllFeedsFailedError(PipelineError):
    """Every feed due in the run failed: nothing new could be read."""


class DataQualityError(PipelineError):
    """One or more warehouse invariants broke; the message names each one with a count."""


class RunLockedError(PipelineError):
    """Another run holds the warehouse's run lock or its run lease."""


class RunLockLostError(PipelineError):
    """This run lost its lock or lease while running; it stops before writing more."""
