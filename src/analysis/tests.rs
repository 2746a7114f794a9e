//! Table-driven tests of the analysis: one row per pattern.
