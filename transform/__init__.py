"""Pure functions: bytes -> records -> deduplicated articles -> events."""
